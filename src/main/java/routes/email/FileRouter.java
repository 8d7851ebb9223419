package routes.email;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipFile;

/**
 * Decides what happens to a file: by its real extension ({@code .csv}/{@code .cns} → clean, {@code .zip} → unzip,
 * {@code .xls}/{@code .xlsx} → convert, anything else → unprocessable), corrected by the content where the extension
 * lies: a zip named {@code .csv} is unzipped, a spreadsheet named {@code .csv} is converted, a JPEG named
 * {@code .xlsx} or a PNG named {@code .zip} is unprocessable. (The original matched {@code csv$} without a dot and
 * never looked at the bytes.)
 */
public class FileRouter {
    public enum Kind { CSV, ZIP, SPREADSHEET, UNPROCESSABLE }

    /** What the bytes look like. */
    public enum Content { ZIP, XLSX, OLE, JPEG, PNG, PDF, OTHER }

    public record Decision(Kind kind, String reason) {
    }

    /** The route's step: decides for the file (logged); the route branches on the decision's kind. */
    public Decision classify(IncomingFile file) throws IOException {
        Decision decision = decide(file);
        org.slf4j.LoggerFactory.getLogger(FileRouter.class).info("email {}: '{}' is {}{}", file.emailId(), file.key(),
                decision.kind(), decision.reason() == null ? "" : " (" + decision.reason() + ")");
        return decision;
    }

    public Decision decide(IncomingFile file) throws IOException {
        if (file.problem() != null) {
            return new Decision(Kind.UNPROCESSABLE, file.problem());
        }
        return decide(file.name(), file.file());
    }

    public Decision decide(String name, Path file) throws IOException {
        String extension = extension(name);
        Content content = sniff(file);
        switch (extension) {
            case "csv", "cns" -> {
                return switch (content) {
                    case ZIP -> new Decision(Kind.ZIP, null);
                    case XLSX, OLE -> new Decision(Kind.SPREADSHEET, null);
                    case JPEG, PNG, PDF -> unprocessable("'" + name + "' is named ." + extension + " but is a " + content + " file");
                    default -> new Decision(Kind.CSV, null);
                };
            }
            case "zip" -> {
                return switch (content) {
                    case ZIP -> new Decision(Kind.ZIP, null);
                    case XLSX -> new Decision(Kind.SPREADSHEET, null);
                    default -> unprocessable("'" + name + "' is named .zip but is not a zip archive (" + describe(content) + ")");
                };
            }
            case "xls", "xlsx" -> {
                return switch (content) {
                    case XLSX, OLE -> new Decision(Kind.SPREADSHEET, null);
                    case ZIP -> new Decision(Kind.ZIP, null);
                    default -> unprocessable("'" + name + "' is named ." + extension + " but is not a spreadsheet (" + describe(content) + ")");
                };
            }
            default -> {
                return unprocessable(extension.isEmpty()
                        ? "'" + name + "' has no file extension; expected .csv, .cns, .zip, .xls or .xlsx"
                        : "'" + name + "' has the unsupported extension ." + extension + "; expected .csv, .cns, .zip, .xls or .xlsx");
            }
        }
    }

    private static Decision unprocessable(String reason) {
        return new Decision(Kind.UNPROCESSABLE, reason);
    }

    private static String describe(Content content) {
        return content == Content.OTHER ? "unrecognised content" : "content is " + content;
    }

    /** The extension after the last dot of the last path segment, lower-cased; empty when there is none. */
    public static String extension(String name) {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        int dot = base.lastIndexOf('.');
        return dot <= 0 || dot == base.length() - 1 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    public static Content sniff(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8);
        }
        if (starts(head, 'P', 'K', 3, 4) || starts(head, 'P', 'K', 5, 6) || starts(head, 'P', 'K', 7, 8)) {
            return isOfficeOpenXml(file) ? Content.XLSX : Content.ZIP;
        }
        if (starts(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return Content.OLE;
        }
        if (starts(head, 0xFF, 0xD8, 0xFF)) {
            return Content.JPEG;
        }
        if (starts(head, 0x89, 'P', 'N', 'G')) {
            return Content.PNG;
        }
        if (starts(head, '%', 'P', 'D', 'F')) {
            return Content.PDF;
        }
        return Content.OTHER;
    }

    /** An OOXML package has a {@code [Content_Types].xml} entry (read from the central directory, nothing inflated). */
    private static boolean isOfficeOpenXml(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry("[Content_Types].xml") != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static boolean starts(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
