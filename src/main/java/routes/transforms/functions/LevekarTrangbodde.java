package routes.transforms.functions;

import routes.transforms.TransformFunction;

import static routes.transforms.Metadata.series;

/** People living in crowded homes (ratio of andel). */
public final class LevekarTrangbodde {
    private LevekarTrangbodde() {
    }

    public static final TransformFunction FUNCTION = OneSeries.statusAndHistorisk("levekar-trangbodde", "trangbodde", "antall_som_bor_trangt",
            "Levekår Trangbodde", series("Trangbodde", ""));
}
