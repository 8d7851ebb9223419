package routes.shared;

import java.util.ArrayList;
import java.util.List;

/** A configuration value listing names: {@code "a, b,,c"} is {@code [a, b, c]} (trimmed, empty entries dropped). */
public final class CommaList {
    private CommaList() {
    }

    public static List<String> of(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String entry : value.split(",")) {
                if (!entry.isBlank()) {
                    out.add(entry.trim());
                }
            }
        }
        return out;
    }
}
