package routes.transforms;

import java.util.List;

/**
 * How one geography's rows become its {@code values} array (the original's templates A/B/C/E/G/H/K). {@code rows}
 * are the geography's rows in date order; a missing value or ratio that would be written raises
 * {@link MissingValue} (the original's JSON write failed on NaN), which the output step reports with the geography.
 */
@FunctionalInterface
public interface Template {
    List<Object> values(Frame frame, List<Object[]> rows, List<String> series);

    /** What the entry's {@code "values"} holds: the list, unless a template writes one object (flyttehyppighet status). */
    default Object entryValues(Frame frame, List<Object[]> rows, List<String> series) {
        return values(frame, rows, series);
    }

    /** A value the output needs is missing (null or NaN) in {@code column} at {@code date}. */
    final class MissingValue extends RuntimeException {
        final String column;
        final Object date;

        public MissingValue(String column, Object date) {
            super(column + " is missing at " + date, null, false, false);
            this.column = column;
            this.date = date;
        }
    }
}
