package routes.transforms.functions;

import routes.transforms.OutputType;
import routes.transforms.SqlTransform;
import routes.transforms.TransformFunction;

import static routes.transforms.Metadata.series;
import static routes.transforms.Templates.B;
import static routes.transforms.Templates.gLastYears;

/** Population, its yearly change (with ratio) and key numbers (template G with the last ten years). */
public final class Folkemengde {
    private Folkemengde() {
    }

    public static final TransformFunction FUNCTION = SqlTransform.named("folkemengde")
            .input("befolkning-etter-kjonn-og-alder")
            .type("historisk", OutputType.allYears(B, "population").heading("Folkemengde utvikling historisk"))
            .type("historisk-prosent", OutputType.allYears(B, "change").heading("Folkemengde utvikling historisk prosent")
                    .dropMissing("change", "change_ratio"))
            .type("nokkeltall", OutputType.allYears(gLastYears(10), "population", "change", "change_10y")
                    .query("select * from keynumbers")
                    .heading("Nøkkeltall om befolkningen", series("Folkemengde", "(totalt)"),
                            series("Utvikling siste år", false), series("Utvikling siste 10 år", false)))
            .build();
}
