package routes.transforms.functions;

import routes.transforms.OutputType;
import routes.transforms.SqlTransform;
import routes.transforms.TransformFunction;

import static routes.transforms.Metadata.series;
import static routes.transforms.Templates.A;
import static routes.transforms.Templates.C;

/** Households by tenure: the value is the input's percentage, the ratio that / 100 rounded to 2 decimals. */
public final class Eieform {
    private Eieform() {
    }

    private static final String HEADING = "Husholdninger fordelt etter eie-/leieforhold";

    public static final TransformFunction FUNCTION = SqlTransform.named("eieform")
            .input("eieform")
            .type("status", OutputType.latest(A, "selveier", "andel", "leier")
                    .heading(HEADING, series("Andels-/aksjeeier", ""), series("Selveier", ""), series("Leier", ""))
                    .scale("leier"))
            .type("historisk", OutputType.allYears(C, "selveier", "andel", "leier")
                    .heading(HEADING, series("Andels-/aksjeeier", ""), series("Selveier", ""), series("Leier", "")))
            .build();
}
