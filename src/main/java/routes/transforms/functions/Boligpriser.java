package routes.transforms.functions;

import routes.transforms.OutputType;
import routes.transforms.SqlTransform;
import routes.transforms.TransformFunction;

import static routes.transforms.Metadata.series;
import static routes.transforms.Templates.A;

/** Average price per m² of flats; the input already has every level, so nothing is aggregated. */
public final class Boligpriser {
    private Boligpriser() {
    }

    private static final String HEADING = "Gjennomsnittpris (kr) pr kvm for blokkleilighet";

    public static final TransformFunction FUNCTION = SqlTransform.named("boligpriser")
            .input("boligpriser-blokkleiligheter")
            .type("status", OutputType.latest(A, "value").heading(HEADING, series(HEADING, "")).scale("value").dropMissing("value"))
            .type("historisk", OutputType.allYears(A, "value").heading(HEADING, series(HEADING, "")).scale("value").dropMissing("value"))
            .build();
}
