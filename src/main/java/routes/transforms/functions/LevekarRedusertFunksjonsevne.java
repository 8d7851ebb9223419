package routes.transforms.functions;

import routes.transforms.TransformFunction;

import static routes.transforms.Metadata.series;

/** People aged 16-66 with reduced functional ability (ratio of andel). */
public final class LevekarRedusertFunksjonsevne {
    private LevekarRedusertFunksjonsevne() {
    }

    public static final TransformFunction FUNCTION = OneSeries.statusAndHistorisk("levekar-redusert-funksjonsevne", "redusert-funksjonsevne",
            "antall_personer_med_redusert_funksjonsevne", "Personer fra 16 til 66 år med redusert funksjonsevne",
            series("Redusert funksjonsevne", ""));
}
