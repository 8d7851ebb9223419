package routes.transforms.functions;

import routes.transforms.OutputType;
import routes.transforms.SqlTransform;
import routes.transforms.TransformFunction;

import java.util.Map;

import static routes.transforms.Metadata.series;
import static routes.transforms.Templates.A;
import static routes.transforms.Templates.B;
import static routes.transforms.Templates.C;
import static routes.transforms.Templates.J;

/**
 * Households by rooms per person: one category ({@code <category>_status} A + scale, {@code <category>_historisk} B,
 * {@code under-0-5_historisk} A as the original: the same output) or all four ({@code alle_status} J,
 * {@code alle_historisk} C). The original's headings are kept as they are, typos and mismatches included
 * ("preson", "1,5 - 1,9" for 1,0–1,9, an empty alle_historisk heading): docs/transforms.md.
 */
public final class Trangboddhet {
    private Trangboddhet() {
    }

    private static final String UNDER_0_5 = "rom_per_person_under_0_5";
    private static final String FROM_0_5 = "rom_per_person_0_5_til_0_9";
    private static final String FROM_1_0 = "rom_per_person_1_0_til_1_9";
    private static final String OVER_2 = "rom_per_person_2_0_og_over";

    @SuppressWarnings("unchecked")
    private static final Map<String, Object>[] ALL = new Map[]{series("Under 0,5 rom per person", ""), series("0,5–0,9 rom per person", ""),
            series("1,0–1,9 rom per person", ""), series("2 rom eller flere per person", "")};

    public static final TransformFunction FUNCTION = SqlTransform.named("trangboddhet")
            .input("husholdninger-etter-rom-per-person")
            .type("0-5-0-9_status", OutputType.latest(A, FROM_0_5).heading("0,5–0,9 rom per person").scale(FROM_0_5))
            .type("0-5-0-9_historisk", OutputType.allYears(B, FROM_0_5).heading("0,5–0,9 rom per person"))
            .type("1-0-1-9_status", OutputType.latest(A, FROM_1_0).heading("1,0–1,9 rom per person").scale(FROM_1_0))
            .type("1-0-1-9_historisk", OutputType.allYears(B, FROM_1_0).heading("Personer per rom - 1,5 - 1,9"))
            .type("over-2_status", OutputType.latest(A, OVER_2).heading("2 rom eller flere per person").scale(OVER_2))
            .type("over-2_historisk", OutputType.allYears(B, OVER_2).heading("2 rom eller flere per person"))
            .type("under-0-5_status", OutputType.latest(A, UNDER_0_5).heading("Under 0,5 rom per preson").scale(UNDER_0_5))
            .type("under-0-5_historisk", OutputType.allYears(A, UNDER_0_5).heading("Personer per rom - under 0.5"))
            .type("alle_status", OutputType.latest(J, UNDER_0_5, FROM_0_5, FROM_1_0, OVER_2).heading("Husstander fordelt på personer per rom", ALL))
            .type("alle_historisk", OutputType.allYears(C, UNDER_0_5, FROM_0_5, FROM_1_0, OVER_2).heading("", ALL))
            .build();
}
