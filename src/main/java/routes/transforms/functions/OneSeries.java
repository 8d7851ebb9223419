package routes.transforms.functions;

import routes.transforms.OutputType;
import routes.transforms.SqlTransform;
import routes.transforms.TransformFunction;

import java.util.Map;

import static routes.transforms.Templates.A;
import static routes.transforms.Templates.B;

/**
 * The catalogue's most common shape: one series, {@code status} (latest year, template A, scale of the series) and
 * {@code historisk} (all years, template B); every other type is the UnknownType error.
 */
final class OneSeries {
    private OneSeries() {
    }

    @SafeVarargs
    static TransformFunction statusAndHistorisk(String name, String input, String column, String heading, Map<String, Object>... series) {
        return SqlTransform.named(name)
                .input(input)
                .type("status", OutputType.latest(A, column).heading(heading, series).scale(column))
                .type("historisk", OutputType.allYears(B, column).heading(heading, series))
                .build();
    }
}
