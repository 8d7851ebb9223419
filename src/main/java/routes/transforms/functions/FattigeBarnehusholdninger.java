package routes.transforms.functions;

import routes.transforms.TransformFunction;

/** Low-income households with children, EU scale (ratio of andel; input id fattige-husholdninger); no series headings, as the original. */
public final class FattigeBarnehusholdninger {
    private FattigeBarnehusholdninger() {
    }

    public static final TransformFunction FUNCTION = OneSeries.statusAndHistorisk("fattige-barnehusholdninger", "fattige-husholdninger",
            "antall_fattige_barnehusholdninger", "Lavinntekts husholdninger med barn");
}
