package routes.transforms.functions;

import routes.transforms.OutputType;
import routes.transforms.SqlTransform;
import routes.transforms.TransformFunction;

import static routes.transforms.Templates.A;
import static routes.transforms.Templates.B;

/** Municipal dwellings as a share of all dwellings; both types carry the scale, as the original. */
public final class KommunaleBoliger {
    private KommunaleBoliger() {
    }

    private static final String HEADING = "Kommunale boliger av boligmassen i alt";

    public static final TransformFunction FUNCTION = SqlTransform.named("kommunale-boliger")
            .input("kommunale-boliger")
            .input("boligmengde-etter-boligtype")
            .type("status", OutputType.latest(A, "antall_boliger").heading(HEADING).scale("antall_boliger"))
            .type("historisk", OutputType.allYears(B, "antall_boliger").heading(HEADING).scale("antall_boliger"))
            .build();
}
