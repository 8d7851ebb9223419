package routes.transforms.functions;

import routes.transforms.SqlTransform;
import routes.transforms.TransformFunction;

import static routes.transforms.Metadata.series;

/**
 * People aged 30-59 who are not employed, as a share of that population; dated with the year of the sysselsatte
 * count (the original's -1 on the population year; levekar-totalt dates the same rows one year later).
 */
public final class LevekarIkkeSysselsatte {
    private LevekarIkkeSysselsatte() {
    }

    public static final TransformFunction FUNCTION = OneSeries.types(SqlTransform.named("levekar-ikke-sysselsatte")
                    .input("sysselsatte")
                    .input("befolkning-etter-kjonn-og-alder"),
            "", "antall_ikke_sysselsatte", "Antall ikke-sysselsatte personer mellom 30-59 år", series("Ikke sysselsatte", "")).build();
}
