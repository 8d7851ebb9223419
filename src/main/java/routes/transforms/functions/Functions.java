package routes.transforms.functions;

import routes.transforms.TransformFunction;

import java.util.List;

/** The registered dataset transforms: adding a function is its SQL file, its class and one line here. */
public final class Functions {
    private Functions() {
    }

    public static final List<TransformFunction> ALL = List.of(
            Boligpriser.FUNCTION,
            HusholdningMedBarn.FUNCTION,
            Folkemengde.FUNCTION,
            AlderDistribusjonStatus.FUNCTION,
            BefolkningsutvklForvUtvkl.FUNCTION,
            LevekaarDodsrate.FUNCTION,
            LevekarTrangbodde.FUNCTION,
            LevekarRedusertFunksjonsevne.FUNCTION,
            IkkeFullfortVgs.FUNCTION,
            FattigeBarnehusholdninger.FUNCTION,
            Eieform.FUNCTION,
            LevekarLavUtdanning.FUNCTION,
            Bygningstyper.FUNCTION,
            KommunaleBoliger.FUNCTION,
            BotidIkkeVestlige.FUNCTION,
            InnvandrerBefolkning.FUNCTION,
            LevekarIkkeSysselsatte.FUNCTION,
            LevekarTotalt.FUNCTION,
            Flyttehyppighet.TOTALT_FUNCTION,
            Flyttehyppighet.INN_KAT_FUNCTION,
            LandbakgrunnInnvandringsgrupper.FUNCTION,
            Husholdningstyper.FUNCTION,
            InnvandringUnder16.FUNCTION,
            Trangboddhet.FUNCTION
    );
}
