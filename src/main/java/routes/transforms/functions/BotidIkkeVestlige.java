package routes.transforms.functions;

import routes.transforms.SqlTransform;
import routes.transforms.TransformFunction;

import static routes.transforms.Metadata.series;

/** Non-western immigrants with a short stay (<= 5 years), as a share of the population. */
public final class BotidIkkeVestlige {
    private BotidIkkeVestlige() {
    }

    public static final TransformFunction FUNCTION = OneSeries.types(SqlTransform.named("botid-ikke-vestlige")
                    .input("botid-ikke-vestlige")
                    .input("befolkning-etter-kjonn-og-alder"),
            "", "ikke_vestlig_kort", "Ikke-vestlige innvandrere korttid",
            series("Innvandrere fra Asia, Afrika, Latin-Amerika og Øst-Europa utenfor EU med botid kortere enn fem år", "")).build();
}
