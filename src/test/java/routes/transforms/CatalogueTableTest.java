package routes.transforms;

import org.junit.jupiter.api.Test;
import routes.shared.TaskFailure;
import routes.transforms.functions.Functions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** docs/transforms.md's catalogue table lists exactly the registered functions, in registration order. */
class CatalogueTableTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9_-]+)` \\|", Pattern.MULTILINE);

    @Test
    void theTableAndTheRegisteredFunctionsAgree() throws IOException {
        String doc = Files.readString(Path.of("docs/transforms.md"));
        String table = doc.substring(doc.indexOf("## Catalogue"), doc.indexOf("\n\n", doc.indexOf("|---|")));
        Matcher m = ROW.matcher(table);
        List<String> listed = new java.util.ArrayList<>();
        while (m.find()) {
            listed.add(m.group(1));
        }
        assertThat(listed).containsExactlyElementsOf(Functions.ALL.stream().map(TransformFunction::name).toList());
    }

    @Test
    void anUnknownFunctionFailsWithTheKnownNames() {
        TransformCatalogue catalogue = new TransformCatalogue(Functions.ALL);
        assertThatThrownBy(() -> catalogue.get("no-such-function"))
                .isInstanceOf(TaskFailure.class)
                .satisfies(e -> assertThat(TaskFailures.text(e)).startsWith("UnknownFunction: no transform named 'no-such-function'; the known ones are ")
                        .contains("levekaar-dodsrate", "eieform", "boligpriser"));
    }
}
