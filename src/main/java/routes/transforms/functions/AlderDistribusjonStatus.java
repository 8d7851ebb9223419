package routes.transforms.functions;

import routes.transforms.OutputType;
import routes.transforms.SqlTransform;
import routes.transforms.TransformFunction;

import java.util.stream.IntStream;

import static routes.transforms.Metadata.series;
import static routes.transforms.Templates.E;

/** Age distribution by sex in the latest year (template E). The original ignored the type: any type gives this. */
public final class AlderDistribusjonStatus {
    private AlderDistribusjonStatus() {
    }

    private static final String HEADING = "Aldersdistribusjon fordelt på kjønn";
    static final String[] AGES = IntStream.rangeClosed(0, 120).mapToObj(String::valueOf).toArray(String[]::new);

    public static final TransformFunction FUNCTION = SqlTransform.named("alder-distribusjon-status")
            .input("befolkning-etter-kjonn-og-alder")
            .anyType(OutputType.allYears(E, AGES).heading(HEADING, series(HEADING, "")))
            .build();
}
