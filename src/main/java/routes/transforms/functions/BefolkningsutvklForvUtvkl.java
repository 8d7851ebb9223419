package routes.transforms.functions;

import routes.transforms.OutputType;
import routes.transforms.SqlTransform;
import routes.transforms.TransformFunction;

import static routes.transforms.Metadata.series;
import static routes.transforms.Templates.H;

/** Population development and projection (template H, six inputs); only "historisk". */
public final class BefolkningsutvklForvUtvkl {
    private BefolkningsutvklForvUtvkl() {
    }

    public static final TransformFunction FUNCTION = SqlTransform.named("befolkningsutvkl-forv-utvkl")
            .input("befolkning-etter-kjonn-og-alder")
            .input("dode")
            .input("fodte")
            .input("flytting-til-etter-alder")
            .input("flytting-fra-etter-alder")
            .input("befolkningsframskrivninger")
            .type("historisk", OutputType.allYears(H, "deaths,births,emigration,immigration,population,change", "projection")
                    .heading("Befolkningsutvikling og fremskrivning", series("Befolkningsutvikling", ""), series("Befolkningsfremskrivning", "")))
            .build();
}
