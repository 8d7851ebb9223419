package routes.transforms.functions;

import routes.transforms.TransformFunction;

import static routes.transforms.Metadata.series;

/** People aged 30-59 with low education (aggregated from sub-districts; ratio of the total of five levels). */
public final class LevekarLavUtdanning {
    private LevekarLavUtdanning() {
    }

    public static final TransformFunction FUNCTION = OneSeries.statusAndHistorisk("levekar-lav-utdanning", "lav-utdanning", "lav_utdanning",
            "Personer mellom 30-59 år med lav utdanning", series("Kun grunnskole eller ingen utdanning oppgitt", ""));
}
