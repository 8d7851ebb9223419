package routes.transforms;

import routes.shared.PythonJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden output of a function and type on the synthetic Oslo data, under
 * {@code src/test/resources/transforms/golden/<function>/<type>/}: the exact bytes of the files named in
 * {@code keep} (the hand-checked district and Oslo) and {@code sha256.txt} with the hash of every file, in order,
 * so any byte of any file that changes fails the test while the repository stays small. Run with
 * {@code -Dgolden.update=true} to rewrite them after a deliberate change (then read the diff).
 */
final class Golden {
    static final Path ROOT = Path.of("src/test/resources/transforms/golden");

    private Golden() {
    }

    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void check(String function, String type, List<Map<String, Object>> files, List<String> keep) {
        Path dir = ROOT.resolve(function).resolve(type);
        StringBuilder hashes = new StringBuilder();
        boolean update = Boolean.getBoolean("golden.update");
        try {
            if (update) {
                Files.createDirectories(dir);
            }
            for (Map<String, Object> file : files) {
                Object id = file.get("id");
                String name = (id == null || String.valueOf(id).isEmpty() ? file.get("district") : id) + ".json";
                String json = PythonJson.dumpsUnicode(file);
                hashes.append(sha256(json)).append("  ").append(name).append('\n');
                if (keep.contains(String.valueOf(id))) {
                    Path golden = dir.resolve(name);
                    if (update) {
                        Files.writeString(golden, json + "\n", StandardCharsets.UTF_8);
                    } else {
                        assertThat(json + "\n").as("%s %s %s", function, type, name).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
                    }
                }
            }
            Path sums = dir.resolve("sha256.txt");
            if (update) {
                Files.writeString(sums, hashes.toString(), StandardCharsets.UTF_8);
            } else {
                assertThat(sums).as("golden hashes (run with -Dgolden.update=true to create them)").exists();
                assertThat(hashes.toString()).as("%s %s: the hash of every file", function, type).isEqualTo(Files.readString(sums, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
