package routes.transforms.functions;

import routes.transforms.OutputType;
import routes.transforms.SqlTransform;
import routes.transforms.TransformFunction;

import static routes.transforms.Metadata.series;
import static routes.transforms.Templates.A;
import static routes.transforms.Templates.C;

/** Households with 1, 2, 3+ children (Lambda name with underscores: husholdning_med_barn). */
public final class HusholdningMedBarn {
    private HusholdningMedBarn() {
    }

    private static final String ALL = "Husholdninger med barn";

    public static final TransformFunction FUNCTION = build();

    private static TransformFunction build() {
        SqlTransform.Builder builder = SqlTransform.named("husholdning_med_barn")
                .input("husholdninger-med-barn")
                .type("alle_status", OutputType.latest(A, "one_child", "two_child", "three_or_more")
                        .heading(ALL, series("Husholdninger", "med 1 barn"), series("Husholdninger", "med 2 barn"),
                                series("Husholdninger", "med 3 barn eller flere")))
                .type("alle_historisk", OutputType.allYears(C, "one_child", "two_child", "three_or_more", "total")
                        .heading(ALL, series("Husholdninger", "med 1 barn"), series("Husholdninger", "med 2 barn"),
                                series("Husholdninger", "med 3 barn eller flere"), series("Totalt", "")));
        OneSeries.types(builder, "1barn_", "one_child", "Husholdninger med 1 barn");
        OneSeries.types(builder, "2barn_", "two_child", "Husholdninger med 2 barn");
        OneSeries.types(builder, "3barn_", "three_or_more", "Husholdninger med 3 barn");
        return builder.build();
    }
}
