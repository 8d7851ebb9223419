package routes.uploads;

import routes.shared.PythonJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;

/**
 * The report of an upload (§A.4), byte for byte as Python's {@code json.dumps} writes it: keys {@code gss},
 * {@code council_name}, {@code timestamp}, {@code election_date}, {@code github_issue}, {@code file_set}; each file
 * {@code csv_valid}, {@code csv_rows}, {@code csv_encoding}, {@code ems}, {@code errors} (newline-joined),
 * {@code key}; non-ASCII as {@code \\uXXXX}. {@link #compact(Upload)} is the webhook body, {@link #pretty(Upload)}
 * the 2-space indented {@code report.json}.
 */
public final class UploadReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private UploadReport() {
    }

    public static String compact(Upload upload) {
        return write(upload, false);
    }

    public static String pretty(Upload upload) {
        return write(upload, true);
    }

    /** How many files a stored report lists. */
    public static int fileSetSize(InputStream json) throws IOException {
        JsonNode node = JSON.readTree(json);
        return node == null ? 0 : node.path("file_set").size();
    }

    private static String write(Upload upload, boolean pretty) {
        Writer w = new Writer(pretty);
        w.open('{');
        w.field("gss").string(upload.council());
        w.field("council_name").string(upload.councilName());
        w.field("timestamp").string(upload.timestamp());
        w.field("election_date").string(upload.electionDate());
        w.field("github_issue").string(upload.githubIssue());
        w.field("file_set");
        if (upload.checks().isEmpty()) {
            w.raw("[]");
        } else {
            w.open('[');
            for (FileCheck check : upload.checks()) {
                w.element();
                w.open('{');
                w.field("csv_valid").raw(Boolean.toString(check.csvValid()));
                w.field("csv_rows").raw(Long.toString(check.csvRows()));
                w.field("csv_encoding").string(check.csvEncoding());
                w.field("ems").string(check.ems());
                w.field("errors").string(check.errorText());
                w.field("key").string(check.key());
                w.close('}');
            }
            w.close(']');
        }
        w.close('}');
        return w.out.toString();
    }

    /** A tiny writer with Python's separators: {@code ", "} and {@code ": "} compact, {@code ","} + newline indented. */
    private static final class Writer {
        final StringBuilder out = new StringBuilder();
        final boolean pretty;
        int depth;
        boolean first;

        Writer(boolean pretty) {
            this.pretty = pretty;
        }

        void open(char c) {
            out.append(c);
            depth++;
            first = true;
        }

        void close(char c) {
            depth--;
            if (pretty) {
                newline();
            }
            out.append(c);
            first = false;
        }

        void element() {
            separator();
        }

        Writer field(String name) {
            separator();
            quote(name);
            out.append(": ");
            return this;
        }

        private void separator() {
            if (!first) {
                out.append(pretty ? "," : ", ");
            }
            if (pretty) {
                newline();
            }
            first = false;
        }

        private void newline() {
            out.append('\n');
            out.append("  ".repeat(depth));
        }

        void raw(String value) {
            out.append(value);
        }

        void string(String value) {
            quote(value == null ? "" : value);
        }

        private void quote(String s) {
            PythonJson.string(out, s);
        }
    }
}
