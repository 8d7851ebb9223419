package local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalAwsStartupTest {
    @TempDir
    Path dir;

    @Test
    void missingNpmEmulatorsSayToRunNpmCi() throws Exception {
        Path localAws = Files.createDirectories(dir.resolve("local-aws"));
        String before = System.getProperty("local.aws.dir");
        System.setProperty("local.aws.dir", localAws.toString());
        try {
            assertThatThrownBy(() -> LocalAws.start(new LocalAws.Settings(dir.resolve("data"), LocalAws.Ports.random(), false, List.of())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("npm ci")
                    .hasMessageContaining("dynalite")
                    .hasMessageContaining(localAws.toString());
        } finally {
            if (before == null) {
                System.clearProperty("local.aws.dir");
            } else {
                System.setProperty("local.aws.dir", before);
            }
        }
    }
}
