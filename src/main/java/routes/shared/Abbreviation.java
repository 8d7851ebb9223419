package routes.shared;

/** Text cut to a limit (SQS attributes, Step Functions error and cause, exception messages), its end an ellipsis. */
public final class Abbreviation {
    private Abbreviation() {
    }

    /** {@code text} (null = empty) of at most {@code max} characters; when cut, the last one is {@code …}. */
    public static String of(String text, int max) {
        String value = text == null ? "" : text;
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }

    /** As {@link #of}, with every run of white space (line breaks too) one space: for a one-line message. */
    public static String oneLine(String text, int max) {
        return of(text == null ? null : text.replaceAll("\\s+", " "), max);
    }
}
