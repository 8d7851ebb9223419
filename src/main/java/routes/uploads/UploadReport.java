package routes.uploads;

import routes.shared.PythonJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("gss", text(upload.council()));
        report.put("council_name", text(upload.councilName()));
        report.put("timestamp", text(upload.timestamp()));
        report.put("election_date", text(upload.electionDate()));
        report.put("github_issue", text(upload.githubIssue()));
        List<Object> fileSet = new ArrayList<>();
        for (FileCheck check : upload.checks()) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("csv_valid", check.csvValid());
            file.put("csv_rows", check.csvRows());
            file.put("csv_encoding", text(check.csvEncoding()));
            file.put("ems", text(check.ems()));
            file.put("errors", text(check.errorText()));
            file.put("key", text(check.key()));
            fileSet.add(file);
        }
        report.put("file_set", fileSet);
        return pretty ? PythonJson.dumpsIndented(report, 2) : PythonJson.dumps(report);
    }

    /** The original writes an absent text as {@code ""}. */
    private static String text(String value) {
        return value == null ? "" : value;
    }
}
