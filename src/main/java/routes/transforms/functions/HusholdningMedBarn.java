package routes.transforms.functions;

import routes.transforms.OutputType;
import routes.transforms.SqlTransform;
import routes.transforms.TransformFunction;

import static routes.transforms.Metadata.series;
import static routes.transforms.Templates.A;
import static routes.transforms.Templates.B;
import static routes.transforms.Templates.C;

/** Households with 1, 2, 3+ children (Lambda name with underscores: husholdning_med_barn). */
public final class HusholdningMedBarn {
    private HusholdningMedBarn() {
    }

    private static final String ALL = "Husholdninger med barn";

    public static final TransformFunction FUNCTION = SqlTransform.named("husholdning_med_barn")
            .input("husholdninger-med-barn")
            .type("alle_status", OutputType.latest(A, "one_child", "two_child", "three_or_more")
                    .heading(ALL, series("Husholdninger", "med 1 barn"), series("Husholdninger", "med 2 barn"),
                            series("Husholdninger", "med 3 barn eller flere")))
            .type("alle_historisk", OutputType.allYears(C, "one_child", "two_child", "three_or_more", "total")
                    .heading(ALL, series("Husholdninger", "med 1 barn"), series("Husholdninger", "med 2 barn"),
                            series("Husholdninger", "med 3 barn eller flere"), series("Totalt", "")))
            .type("1barn_status", OutputType.latest(A, "one_child").heading("Husholdninger med 1 barn").scale("one_child"))
            .type("1barn_historisk", OutputType.allYears(B, "one_child").heading("Husholdninger med 1 barn"))
            .type("2barn_status", OutputType.latest(A, "two_child").heading("Husholdninger med 2 barn").scale("two_child"))
            .type("2barn_historisk", OutputType.allYears(B, "two_child").heading("Husholdninger med 2 barn"))
            .type("3barn_status", OutputType.latest(A, "three_or_more").heading("Husholdninger med 3 barn").scale("three_or_more"))
            .type("3barn_historisk", OutputType.allYears(B, "three_or_more").heading("Husholdninger med 3 barn"))
            .build();
}
