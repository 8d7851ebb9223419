package routes.transforms;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the local run's seed inputs (local-aws/seed/bydelsfakta/, declared under {@code objects:} in
 * local-aws/resources.yaml) from the synthetic Oslo generator: {@code java ... routes.transforms.OsloSeed local-aws/seed/bydelsfakta}.
 */
public final class OsloSeed {
    private OsloSeed() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "local-aws/seed/bydelsfakta");
        Files.createDirectories(dir);
        OsloData oslo = new OsloData(1);
        oslo.befolkning(dir);
        oslo.counts(dir, "dode", "antall_dode", 1);
        oslo.counts(dir, "fodte", "antall_fodte", 2);
        oslo.migration(dir, true);
        oslo.migration(dir, false);
        oslo.projections(dir);
        // bygningstyper, kommunale-boliger, botid-ikke-vestlige, innvandrer-befolkning, levekar-ikke-sysselsatte, levekar-totalt
        oslo.boligmengde(dir);
        oslo.kommunaleBoliger(dir);
        oslo.botidIkkeVestlige(dir);
        oslo.botid(dir);
        oslo.sysselsatte(dir);
        oslo.redusertFunksjonsevne(dir);
        oslo.lavUtdanning(dir);
        oslo.fattigeHusholdninger(dir);
        oslo.ikkeFullfortVgs(dir);
        oslo.dodsrater(dir);
        oslo.trangbodde(dir);
    }
}
