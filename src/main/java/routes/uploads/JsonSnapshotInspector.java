package routes.uploads;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a JSON snapshot (a key ending {@code .json}), streaming: encoding is always {@code utf-8}; an empty body is
 * {@code File is empty}; a body that is not JSON fails with the message Python's {@code json} module gives (for
 * example {@code Expecting value: line 1 column 1 (char 0)}); any JSON document is valid. The EMS is {@code FCS} when
 * the document is a non-empty array whose first element has every FCS station key; then the rows are the number of
 * {@code properties} of all stations, otherwise 0.
 */
public class JsonSnapshotInspector {
    public static final List<String> FCS_KEYS = List.of("id", "stationId", "name", "addressLine1", "addressLine2",
            "addressLine3", "addressLine4", "addressLine5", "addressPostCode", "addressUprn", "latitude", "longitude",
            "defaultStationId", "properties", "pollingDistricts");

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python accepts NaN, Infinity
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).maxNestingDepth(10_000).build())
            .build();

    /** What the parser expects at the point it failed; decides Python's wording. */
    private enum Expect { VALUE, NAME, COLON, DELIMITER, END }

    public FileCheck inspect(CsvInspector.ByteSource source, String key) {
        FileCheck check = new FileCheck(key).encoding(TextEncoding.UTF_8.reportName());
        try (InputStream in = source.open()) {
            if (in.read() < 0) {
                return check.fail("File is empty");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + key, e);
        }
        Scan scan = new Scan();
        try (Reader reader = reader(source); JsonParser parser = JSON.createParser(reader)) {
            scan.run(parser);
        } catch (CharacterCodingException e) {
            return check.fail("'utf-8' codec can't decode the body: " + e.getMessage());
        } catch (JsonProcessingException e) {
            return check.fail(pythonMessage(source, scan, e));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + key, e);
        }
        if (scan.fcs) {
            return check.ems(Ems.FCS).valid(scan.properties);
        }
        return check.valid(0);
    }

    private static Reader reader(CsvInspector.ByteSource source) throws IOException {
        return new InputStreamReader(new BufferedInputStream(source.open(), 64 * 1024),
                StandardCharsets.UTF_8.newDecoder());
    }

    /** Walks the token stream once: FCS detection, properties counting, and what comes next for error messages. */
    private static final class Scan {
        long lastGoodOffset;
        long lastStringStart = -1;
        Expect expect = Expect.VALUE;
        boolean fcs;
        long properties;
        private final Deque<Boolean> containers = new ArrayDeque<>(); // true = object

        void run(JsonParser parser) throws IOException {
            boolean rootArray = false;
            int stationIndex = -1;
            Set<String> firstStationKeys = new HashSet<>();
            JsonToken token;
            boolean rootDone = false;
            while ((token = parser.nextToken()) != null) {
                int depth = containers.size();
                if (rootDone) {
                    throw new com.fasterxml.jackson.core.JsonParseException(parser, "Extra data after the document");
                }
                if (rootArray && depth == 1 && token == JsonToken.START_OBJECT) {
                    stationIndex++;
                }
                if (rootArray && depth == 2 && token == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    if (stationIndex == 0) {
                        firstStationKeys.add(name);
                    }
                    if ("properties".equals(name)) {
                        JsonToken value = parser.nextToken();
                        track(value);
                        if (value == JsonToken.START_ARRAY) {
                            properties += countElements(parser);
                        } else if (value.isStructStart()) {
                            parser.skipChildren();
                            track(JsonToken.END_OBJECT);
                        }
                        continue;
                    }
                }
                if (depth == 0 && token == JsonToken.START_ARRAY) {
                    rootArray = true;
                }
                track(token);
                lastGoodOffset = parser.currentLocation().getCharOffset();
                lastStringStart = token == JsonToken.VALUE_STRING ? parser.currentTokenLocation().getCharOffset() : -1;
                rootDone = containers.isEmpty();
            }
            fcs = rootArray && stationIndex >= 0 && firstStationKeys.containsAll(FCS_KEYS);
        }

        /** Counts the elements of the array just opened, leaving the parser on its END_ARRAY. */
        private long countElements(JsonParser parser) throws IOException {
            long count = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                track(token);
                lastGoodOffset = parser.currentLocation().getCharOffset();
                count++;
                if (token.isStructStart()) {
                    parser.skipChildren();
                    track(token == JsonToken.START_OBJECT ? JsonToken.END_OBJECT : JsonToken.END_ARRAY);
                    lastGoodOffset = parser.currentLocation().getCharOffset();
                }
            }
            track(token);
            lastGoodOffset = parser.currentLocation().getCharOffset();
            return count;
        }

        private void track(JsonToken token) {
            switch (token) {
                case START_OBJECT -> {
                    containers.push(true);
                    expect = Expect.NAME;
                }
                case START_ARRAY -> {
                    containers.push(false);
                    expect = Expect.VALUE;
                }
                case FIELD_NAME -> expect = Expect.VALUE; // Jackson consumed the colon
                case END_OBJECT, END_ARRAY -> {
                    containers.pop();
                    expect = containers.isEmpty() ? Expect.END : Expect.DELIMITER;
                }
                default -> expect = containers.isEmpty() ? Expect.END : Expect.DELIMITER;
            }
        }

        boolean inObject() {
            return !containers.isEmpty() && containers.peek();
        }
    }

    /**
     * Python's message for the error: what was expected, at the first non-blank character after the last good
     * token (Python reports positions there), as {@code line L column C (char N)}.
     */
    private static String pythonMessage(CsvInspector.ByteSource source, Scan scan, JsonProcessingException e) {
        if (unterminated(e) && scan.lastStringStart >= 0) {
            return "Unterminated string starting at: " + position(source, scan.lastStringStart);
        }
        try (Reader reader = reader(source)) {
            long offset = 0;
            long line = 1;
            long lineStart = 0;
            int c = -1;
            Expect expect = scan.expect;
            boolean afterComma = false;
            while (true) {
                c = reader.read();
                if (c < 0) {
                    break;
                }
                if (offset >= scan.lastGoodOffset && !isBlank(c)) {
                    if (c == ',' && expect == Expect.DELIMITER && !afterComma) {
                        expect = scan.inObject() ? Expect.NAME : Expect.VALUE;
                        afterComma = true;
                    } else if (c == ':' && expect == Expect.COLON) {
                        expect = Expect.VALUE;
                    } else {
                        break;
                    }
                }
                if (c == '\n') {
                    line++;
                    lineStart = offset + 1;
                }
                offset++;
            }
            String what = switch (expect) {
                case VALUE -> c == '"' && unterminated(e) ? "Unterminated string starting at" : "Expecting value";
                case NAME -> c == '"' && unterminated(e) ? "Unterminated string starting at" : "Expecting property name enclosed in double quotes";
                case COLON -> "Expecting ':' delimiter";
                case DELIMITER -> "Expecting ',' delimiter";
                case END -> "Extra data";
            };
            if (expect == Expect.VALUE && e.getMessage() != null && e.getMessage().contains("was expecting a colon")) {
                what = "Expecting ':' delimiter";
            }
            return what + ": line " + line + " column " + (offset - lineStart + 1) + " (char " + offset + ")";
        } catch (IOException io) {
            JsonLocation at = e.getLocation();
            return "Invalid JSON: line " + (at == null ? 0 : at.getLineNr()) + " column " + (at == null ? 0 : at.getColumnNr());
        }
    }

    /** {@code line L column C (char N)} of character offset {@code target}. */
    private static String position(CsvInspector.ByteSource source, long target) {
        try (Reader reader = reader(source)) {
            long line = 1;
            long lineStart = 0;
            for (long offset = 0; offset < target; offset++) {
                if (reader.read() == '\n') {
                    line++;
                    lineStart = offset + 1;
                }
            }
            return "line " + line + " column " + (target - lineStart + 1) + " (char " + target + ")";
        } catch (IOException io) {
            return "char " + target;
        }
    }

    private static boolean unterminated(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        String lower = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("end-of-input") && (lower.contains("string") || lower.contains("name"));
    }

    private static boolean isBlank(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
