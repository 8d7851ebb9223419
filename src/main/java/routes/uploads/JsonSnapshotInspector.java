package routes.uploads;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Checks a JSON snapshot (a key ending {@code .json}) as the evolved lambda's {@code json.loads(body)} does,
 * streaming: encoding is always reported {@code utf-8}; an empty body is {@code File is empty}; the bytes are decoded
 * as Python's {@code json.detect_encoding} decides (UTF-8, UTF-8 with a BOM, UTF-16/32 by BOM or NUL pattern); a text
 * that is not JSON fails with Python's exact message ({@link PythonJsonScanner}); any JSON document is valid. The
 * EMS is {@code FCS} when the document is a non-empty array whose first element has every FCS station key; then the
 * rows are the number of {@code properties} of all stations, otherwise 0.
 */
public class JsonSnapshotInspector {
    public static final List<String> FCS_KEYS = List.of("id", "stationId", "name", "addressLine1", "addressLine2",
            "addressLine3", "addressLine4", "addressLine5", "addressPostCode", "addressUprn", "latitude", "longitude",
            "defaultStationId", "properties", "pollingDistricts");

    public FileCheck inspect(CsvInspector.ByteSource source, String key) {
        FileCheck check = new FileCheck(key).encoding(TextEncoding.UTF_8.reportName());
        byte[] head = new byte[4];
        int headLength;
        try (InputStream in = source.open()) {
            headLength = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + key, e);
        }
        if (headLength == 0) {
            return check.fail("File is empty");
        }
        Encoding encoding = Encoding.detect(head, headLength);
        PythonJsonScanner.Snapshot snapshot;
        try (Reader reader = encoding.reader(source)) {
            snapshot = PythonJsonScanner.scan(reader);
        } catch (CharacterCodingException e) {
            return check.fail("'" + encoding.pythonName + "' codec can't decode the body: " + e.getMessage());
        } catch (PythonJsonScanner.Rejected e) {
            return check.fail(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + key, e);
        }
        if (snapshot.fcs()) {
            return check.ems(Ems.FCS).valid(snapshot.properties());
        }
        return check.valid(0);
    }

    /**
     * Python's {@code json.detect_encoding}: the codec {@code json.loads} decodes bytes with, from the first 4 bytes
     * (a JSON text starts with an ASCII character). Exactly Python's rule, so not {@link TextEncoding}'s sampled one.
     */
    private record Encoding(String pythonName, Charset charset, int skip) {
        static Encoding detect(byte[] b, int n) {
            if (n >= 4 && (startsWith(b, 0, 0, 0xFE, 0xFF) || startsWith(b, 0xFF, 0xFE, 0, 0))) {
                return new Encoding("utf-32", Charset.forName("UTF-32"), 0);
            }
            if (n >= 2 && (startsWith(b, 0xFE, 0xFF) || startsWith(b, 0xFF, 0xFE))) {
                return new Encoding("utf-16", StandardCharsets.UTF_16, 0);
            }
            if (n >= 3 && startsWith(b, 0xEF, 0xBB, 0xBF)) {
                return new Encoding("utf-8-sig", StandardCharsets.UTF_8, 3);
            }
            if (n >= 4) {
                if (b[0] == 0) {
                    return b[1] != 0 ? new Encoding("utf-16-be", StandardCharsets.UTF_16BE, 0)
                            : new Encoding("utf-32-be", Charset.forName("UTF-32BE"), 0);
                }
                if (b[1] == 0) {
                    return b[2] != 0 || b[3] != 0 ? new Encoding("utf-16-le", StandardCharsets.UTF_16LE, 0)
                            : new Encoding("utf-32-le", Charset.forName("UTF-32LE"), 0);
                }
            } else if (n == 2) {
                if (b[0] == 0) {
                    return new Encoding("utf-16-be", StandardCharsets.UTF_16BE, 0);
                }
                if (b[1] == 0) {
                    return new Encoding("utf-16-le", StandardCharsets.UTF_16LE, 0);
                }
            }
            return new Encoding("utf-8", StandardCharsets.UTF_8, 0);
        }

        private static boolean startsWith(byte[] b, int... prefix) {
            for (int i = 0; i < prefix.length; i++) {
                if ((b[i] & 0xFF) != prefix[i]) {
                    return false;
                }
            }
            return true;
        }

        Reader reader(CsvInspector.ByteSource source) throws IOException {
            InputStream in = new BufferedInputStream(source.openAt(skip), 64 * 1024);
            return new InputStreamReader(in, charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        }
    }
}
