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
        return types(SqlTransform.named(name).input(input), "", column, heading, series).build();
    }

    /**
     * The same pair of types for one series of a function with several ({@code 1barn_}, {@code blokk_}, ...):
     * {@code <prefix>status} (latest year, A, scale of the column) and {@code <prefix>historisk} (all years, B).
     */
    @SafeVarargs
    static SqlTransform.Builder types(SqlTransform.Builder builder, String prefix, String column, String heading, Map<String, Object>... series) {
        return builder
                .type(prefix + "status", OutputType.latest(A, column).heading(heading, series).scale(column))
                .type(prefix + "historisk", OutputType.allYears(B, column).heading(heading, series));
    }
}
