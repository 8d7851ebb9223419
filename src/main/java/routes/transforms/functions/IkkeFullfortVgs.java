package routes.transforms.functions;

import routes.transforms.TransformFunction;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * People who did not complete upper secondary school within 5 years (ratio of andel). The original's series heading
 * is keyed {@code "Heading"} (capital H): kept, because the website reads these files as they are (docs/transforms.md).
 */
public final class IkkeFullfortVgs {
    private IkkeFullfortVgs() {
    }

    private static final String HEADING = "Personer som ikke har fullført vgs";
    private static final String COLUMN = "antall_personer_ikke_fullfort_i_lopet_av_5_aar";

    static Map<String, Object> seriesWithTypo() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Heading", "Antall personer, ikke fullført i løpet av 5 år");
        s.put("subheading", "");
        return s;
    }

    public static final TransformFunction FUNCTION = OneSeries.statusAndHistorisk("ikke-fullfort-vgs", "ikke-fullfort-vgs", COLUMN, HEADING, seriesWithTypo());
}
