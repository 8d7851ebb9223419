package routes.transforms.functions;

import routes.transforms.TransformFunction;

/** Death rate of people aged 55-79 (ratio of andel: the input's percentage / 100); no series headings, as the original. */
public final class LevekaarDodsrate {
    private LevekaarDodsrate() {
    }

    public static final TransformFunction FUNCTION = OneSeries.statusAndHistorisk("levekaar-dodsrate", "dodsrater", "dodsrate",
            "Dødelighet (gj.snitt siste 7 år) for personer 55–79 år");
}
