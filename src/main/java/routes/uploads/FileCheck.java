package routes.uploads;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of checking one uploaded file: the fields of one {@code file_set} entry of the report (§A.4), with the
 * errors kept as a list until the report is written (where they are joined with a newline).
 */
public final class FileCheck {
    private final String key;
    private boolean csvValid;
    private long csvRows;
    private String csvEncoding = "";
    private String ems = Ems.UNKNOWN;
    private final List<String> errors = new ArrayList<>();

    public FileCheck(String key) {
        this.key = key;
    }

    public static FileCheck invalid(String key, String error) {
        return new FileCheck(key).fail(error);
    }

    public FileCheck fail(String error) {
        csvValid = false;
        errors.add(error);
        return this;
    }

    /** Row {@code row} has fewer fields than the header's {@code columns} (rows = the failing row). */
    public FileCheck incompleteRow(int columns, long row, int found) {
        return rows(row).fail("Incomplete file: Expected " + columns + " columns on row " + row + " found " + found);
    }

    /** The CSV parser's error (rows = 0). */
    public FileCheck parseError(long line, String error) {
        return rows(0).fail("Failed to parse body -> line " + line + ": " + error);
    }

    public FileCheck valid(long rows) {
        csvValid = true;
        csvRows = rows;
        return this;
    }

    public FileCheck rows(long rows) {
        this.csvRows = rows;
        return this;
    }

    public FileCheck encoding(String encoding) {
        this.csvEncoding = encoding;
        return this;
    }

    public FileCheck ems(String ems) {
        this.ems = ems;
        return this;
    }

    public String key() {
        return key;
    }

    public boolean csvValid() {
        return csvValid;
    }

    public long csvRows() {
        return csvRows;
    }

    public String csvEncoding() {
        return csvEncoding;
    }

    public String ems() {
        return ems;
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** The errors as the report carries them: one string, newline-joined, empty when there are none. */
    public String errorText() {
        return String.join("\n", errors);
    }

    @Override
    public String toString() {
        return key + " valid=" + csvValid + " rows=" + csvRows + " encoding=" + csvEncoding + " ems=" + ems + " errors=" + errors;
    }
}
