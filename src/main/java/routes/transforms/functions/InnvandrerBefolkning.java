package routes.transforms.functions;

import routes.transforms.OutputType;
import routes.transforms.SqlTransform;
import routes.transforms.TransformFunction;

import java.util.Map;

import static routes.transforms.Metadata.series;
import static routes.transforms.Templates.A;
import static routes.transforms.Templates.C;

/** Immigrants and Norwegian-born children of immigrants by botid category (short, long, two_parents). */
public final class InnvandrerBefolkning {
    private InnvandrerBefolkning() {
    }

    private static final String ALL = "Innvandring befolkning";
    private static final Map<String, Object> SHORT = series("Innvandrer", "kort botid (<=5 år)");
    private static final Map<String, Object> LONG = series("Innvandrer", "lang botid (>5 år)");
    private static final Map<String, Object> TWO_PARENTS = series("Norskfødt", "med innvandrerforeldre");

    public static final TransformFunction FUNCTION = build();

    private static TransformFunction build() {
        SqlTransform.Builder builder = SqlTransform.named("innvandrer-befolkning")
                .input("botid")
                .input("befolkning-etter-kjonn-og-alder")
                .type("alle_status", OutputType.latest(A, "short", "long", "two_parents").heading(ALL, SHORT, LONG, TWO_PARENTS))
                .type("alle_historisk", OutputType.allYears(C, "short", "long", "two_parents", "total_cat")
                        .heading(ALL, SHORT, LONG, TWO_PARENTS, series("Totalt", "")));
        OneSeries.types(builder, "kort_", "short", "Innvandrer med kort botid (<=5 år)");
        OneSeries.types(builder, "lang_", "long", "Innvandrer med lang botid (>5 år)");
        OneSeries.types(builder, "to_foreldre_", "two_parents", "Norskfødt med innvandrerforeldre");
        return builder.build();
    }
}
