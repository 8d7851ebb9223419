package routes.transforms.functions;

import routes.transforms.OutputType;
import routes.transforms.SqlTransform;
import routes.transforms.TransformFunction;

import java.util.Map;

import static routes.transforms.Metadata.series;
import static routes.transforms.Templates.A;
import static routes.transforms.Templates.C;

/**
 * Households by type: status (A, five types) and historisk (C, the five and the total); both carry the scale of
 * aleneboende, as the original's.
 */
public final class Husholdningstyper {
    private Husholdningstyper() {
    }

    private static final String HEADING = "Husholdninger etter husholdningstype";
    private static final String[] TYPES = {"aleneboende", "par_uten_barn", "par_med_barn", "mor_far_med_barn", "flerfamiliehusholdninger"};

    @SuppressWarnings("unchecked")
    private static final Map<String, Object>[] SERIES = new Map[]{series("Énpersonshusholdninger", ""), series("Par uten barn", ""),
            series("Par med barn", ""), series("Mor eller far", "med barn"), series("Flerfamiliehusholdninger", "")};

    public static final TransformFunction FUNCTION = SqlTransform.named("husholdningstyper")
            .input("husholdningstyper")
            .type("status", OutputType.latest(A, TYPES).heading(HEADING, SERIES).scale("aleneboende"))
            .type("historisk", OutputType.allYears(C, "aleneboende", "par_uten_barn", "par_med_barn", "mor_far_med_barn", "flerfamiliehusholdninger", "total")
                    .heading(HEADING, SERIES[0], SERIES[1], SERIES[2], SERIES[3], SERIES[4], series("Totalt", ""))
                    .scale("aleneboende"))
            .build();
}
