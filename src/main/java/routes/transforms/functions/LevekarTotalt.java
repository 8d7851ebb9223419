package routes.transforms.functions;

import routes.transforms.OutputType;
import routes.transforms.SqlTransform;
import routes.transforms.TransformFunction;

import static routes.transforms.Metadata.series;
import static routes.transforms.Templates.K;

/**
 * Eight living-conditions indicators relative to the district and to Oslo (template K, {@code status} only). Kept
 * from the original: the heading, copied by mistake from levekar-redusert-funksjonsevne.
 */
public final class LevekarTotalt {
    private LevekarTotalt() {
    }

    public static final TransformFunction FUNCTION = SqlTransform.named("levekar-totalt")
            .input("redusert-funksjonsevne")
            .input("botid-ikke-vestlige")
            .input("lav-utdanning")
            .input("fattige-husholdninger")
            .input("sysselsatte")
            .input("befolkning-etter-kjonn-og-alder")
            .input("ikke-fullfort-vgs")
            .input("dodsrater")
            .input("trangbodde")
            .type("status", OutputType.latest(K, "antall_redusert_funksjonsevne", "ikke_vestlig_kort", "lav_utdanning",
                            "antall_fattige_barnehusholdninger", "antall_ikke_sysselsatte", "ikke_fullfort_vgs", "dodsrate", "antall_trangbodde")
                    .heading("Personer fra 16 til 66 år med redusert funksjonsevne",
                            series("Redusert funksjonsevne", ""),
                            series("Innvandrere fra Afrika, Asia mv. med kort botid", ""),
                            series("Lav utdanning", ""),
                            series("Lavinntektshusholdninger med barn", ""),
                            series("Ikke sysselsatte", ""),
                            series("Ikke fullført vgs", ""),
                            series("Dødelighet", ""),
                            series("Trangbodde", "")))
            .build();
}
