package routes.transforms.functions;

import routes.transforms.OutputType;
import routes.transforms.SqlTransform;
import routes.transforms.TransformFunction;

import static routes.transforms.Templates.A;
import static routes.transforms.Templates.B;

/**
 * Children under 16 with one immigrant parent (en-innvandrer), two (to-innvandrer), or immigrants (innvandrer):
 * {@code <group>_status} A + scale, {@code <group>_historisk} B; no series headings, as the original.
 */
public final class InnvandringUnder16 {
    private InnvandringUnder16() {
    }

    private static final String ONE_PARENT = "Personer (under 16) med én innvandrerforelder";
    private static final String TWO_PARENTS = "Personer (under 16) med to innvandrerforeldre";

    public static final TransformFunction FUNCTION = SqlTransform.named("innvandring-under16")
            .input("innvandrer-befolkningen-0-15-ar")
            .type("en-innvandrer_historisk", OutputType.allYears(B, "en_forelder").heading(ONE_PARENT))
            .type("en-innvandrer_status", OutputType.latest(A, "en_forelder").heading(ONE_PARENT).scale("en_forelder"))
            .type("to-innvandrer_historisk", OutputType.allYears(B, "to_foreldre").heading(TWO_PARENTS))
            .type("to-innvandrer_status", OutputType.latest(A, "to_foreldre").heading(TWO_PARENTS).scale("to_foreldre"))
            .type("innvandrer_status", OutputType.latest(A, "innvandrer").heading("Innvandrere (under 16)").scale("innvandrer"))
            // the original's historisk heading differs from its status heading ("Andel ...")
            .type("innvandrer_historisk", OutputType.allYears(B, "innvandrer").heading("Andel innvandrere (under 16)"))
            .build();
}
