package routes.transforms.functions;

import routes.transforms.OutputType;
import routes.transforms.SqlTransform;
import routes.transforms.TransformFunction;

import java.util.Map;

import static routes.transforms.Metadata.series;
import static routes.transforms.Templates.A;
import static routes.transforms.Templates.B;
import static routes.transforms.Templates.C;

/**
 * Dwellings by building type (blokk, rekkehus, enebolig, total of the five building columns). Kept from the original:
 * {@code totalt_status} takes its scale from a column named {@code totalt}, which does not exist, so its scale is
 * always {@code [0.0, 0.0]} (docs/transforms.md).
 */
public final class Bygningstyper {
    private Bygningstyper() {
    }

    private static final String ALL = "Boliger etter bygningstype";
    private static final Map<String, Object> BLOKK = series("Blokk, leiegård o.l", "");
    private static final Map<String, Object> REKKEHUS = series("Rekkehus, tomannsboliger o.l", "");
    private static final Map<String, Object> ENEBOLIG = series("Enebolig", "");

    public static final TransformFunction FUNCTION = build();

    private static TransformFunction build() {
        SqlTransform.Builder builder = SqlTransform.named("bygningstyper")
                .input("boligmengde-etter-boligtype")
                .type("alle_status", OutputType.latest(A, "blokk", "rekkehus", "enebolig").heading(ALL, BLOKK, REKKEHUS, ENEBOLIG))
                .type("alle_historisk", OutputType.allYears(C, "blokk", "rekkehus", "enebolig", "total")
                        .heading(ALL, BLOKK, REKKEHUS, ENEBOLIG, series("Totalt", "")));
        OneSeries.types(builder, "blokk_", "blokk", "Blokker og leiegårder");
        OneSeries.types(builder, "enebolig_", "enebolig", "Eneboliger");
        OneSeries.types(builder, "rekkehus_", "rekkehus", "Rekkehus/tomannsboliger");
        // the original's scale column "totalt" does not exist (the series is "total"), so the scale is [0.0, 0.0]
        return builder
                .type("totalt_status", OutputType.latest(A, "total").heading("Antall boliger").scale("totalt"))
                .type("totalt_historisk", OutputType.allYears(B, "total").heading("Antall boliger"))
                .build();
    }
}
