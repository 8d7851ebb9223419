package routes.uploads;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Checks one delimited text file as the polling-station upload checks do, streaming it (memory does not grow with the
 * file). In order, stopping at the first failure:
 * <ol>
 *   <li>empty: {@code File is empty};</li>
 *   <li>encoding: UTF-16 by BOM or NUL pattern, else strict utf-8, strict windows-1252, latin-1 (a decoding failure
 *   restarts the read with the next encoding);</li>
 *   <li>delimiter: comma or TAB by {@link #delimiter(String, String)};</li>
 *   <li>header: fewer than 3 fields: {@code File has only <n> columns. We might have failed to detect the delimiter};</li>
 *   <li>EMS guess from the header ({@link Ems}), a leading byte-order mark dropped first;</li>
 *   <li>rows: the first record with fewer fields than the header:
 *   {@code Incomplete file: Expected <H> columns on row <N> found <L>} (rows = N);</li>
 *   <li>a parser error: {@code Failed to parse body -> line <n>: <error>} (rows = 0).</li>
 * </ol>
 * Otherwise the file is valid and its rows count every record, the header included.
 */
public class CsvInspector {
    /** Re-opens the file's bytes from the start; called once per encoding tried. */
    @FunctionalInterface
    public interface ByteSource {
        InputStream open() throws IOException;

        /** The bytes from {@code offset} on. */
        default InputStream openAt(long offset) throws IOException {
            InputStream in = open();
            in.skipNBytes(offset);
            return in;
        }

        /**
         * A file, read with plain {@code read} calls. Not memory-mapped: a mapping outlives the file's deletion until
         * a garbage collection unmaps it, so a deleted spool file kept its disk space (measured: mapping saved
         * nothing that matters at upload sizes, bench/README.md).
         */
        static ByteSource of(Path file) {
            return new ByteSource() {
                @Override
                public InputStream open() throws IOException {
                    return java.nio.file.Files.newInputStream(file);
                }

                @Override
                public InputStream openAt(long offset) throws IOException {
                    java.nio.channels.SeekableByteChannel channel = java.nio.file.Files.newByteChannel(file);
                    channel.position(offset);
                    return java.nio.channels.Channels.newInputStream(channel);
                }
            };
        }

        static ByteSource of(byte[] bytes) {
            return new ByteSource() {
                @Override
                public InputStream open() {
                    return new java.io.ByteArrayInputStream(bytes);
                }

                @Override
                public InputStream openAt(long offset) {
                    int from = (int) Math.min(offset, bytes.length);
                    return new java.io.ByteArrayInputStream(bytes, from, bytes.length - from);
                }
            };
        }
    }

    static final int HEADER_SAMPLE_CHARS = 64 * 1024;

    public FileCheck inspect(ByteSource source, String key) {
        try {
            return inspectOrThrow(source, key);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + key, e);
        }
    }

    private FileCheck inspectOrThrow(ByteSource source, String key) throws IOException {
        FileCheck check = new FileCheck(key);
        byte[] sample = new byte[TextEncoding.SAMPLE_BYTES];
        int sampled;
        try (InputStream in = source.open()) {
            sampled = in.readNBytes(sample, 0, sample.length);
        }
        if (sampled == 0) {
            return check.fail("File is empty");
        }
        List<TextEncoding> candidates = TextEncoding.candidates(sample, sampled);
        for (TextEncoding encoding : candidates) {
            try {
                return read(source, key, encoding, new FileCheck(key));
            } catch (CharacterCodingException e) {
                // not this encoding: try the next one
            }
        }
        return check.fail("Failed to decode body using any expected encoding");
    }

    private FileCheck read(ByteSource source, String key, TextEncoding encoding, FileCheck check) throws IOException {
        char delimiter;
        try (Reader reader = open(source, encoding)) {
            char[] head = new char[HEADER_SAMPLE_CHARS];
            int n = reader.read(head, 0, head.length);
            delimiter = delimiter(n <= 0 ? "" : new String(head, 0, n), key);
        }
        long byteOrderMark = encoding.readsAsBytes() ? byteOrderMarkLength(source, encoding) : 0;
        try (java.io.Closeable input = encoding.readsAsBytes() ? openBytes(source, byteOrderMark) : open(source, encoding)) {
            check.encoding(encoding.reportName());
            PythonCsvReader csv = input instanceof InputStream bytes
                    ? new PythonCsvReader(bytes, delimiter, encoding)
                    : new PythonCsvReader((Reader) input, delimiter);
            try {
                List<String> header = csv.nextRecordFields();
                int columns = header == null ? 0 : header.size();
                if (columns < 3) {
                    return check.fail("File has only " + columns + " columns. We might have failed to detect the delimiter");
                }
                check.ems(Ems.fromHeader(header));
                long rows = 1; // the header
                while (true) {
                    int found = csv.nextRecord();
                    if (found < 0) {
                        return check.valid(rows);
                    }
                    rows++;
                    if (found < columns) {
                        return check.incompleteRow(columns, rows, found);
                    }
                }
            } catch (PythonCsvReader.CsvError e) {
                return check.parseError(e.line(), e.getMessage());
            }
        }
    }

    /** The raw bytes for the byte-mode reader (it reads large blocks itself), after the UTF-8 byte-order mark if any. */
    private static InputStream openBytes(ByteSource source, long byteOrderMark) throws IOException {
        return byteOrderMark == 0 ? source.open() : source.openAt(byteOrderMark);
    }

    /** 3 for a UTF-8 file that starts with a byte-order mark (the reader skips it), else 0. */
    private static long byteOrderMarkLength(ByteSource source, TextEncoding encoding) throws IOException {
        if (encoding != TextEncoding.UTF_8) {
            return 0;
        }
        try (InputStream in = source.open()) {
            return isUtf8ByteOrderMark(in.readNBytes(3)) ? 3 : 0;
        }
    }

    private static boolean isUtf8ByteOrderMark(byte[] bom) {
        return bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF;
    }

    private static Reader open(ByteSource source, TextEncoding encoding) throws IOException {
        InputStream in = new BufferedInputStream(source.open(), 64 * 1024);
        Reader reader = new InputStreamReader(in, encoding.strictDecoder());
        if (encoding.dropsByteOrderMark()) {
            reader = new java.io.PushbackReader(reader, 1);
            int first = reader.read();
            if (first >= 0 && first != '\uFEFF') {
                ((java.io.PushbackReader) reader).unread(first);
            }
        }
        return reader;
    }

    /**
     * The delimiter, by a deterministic rule standing in for Python's {@code csv.Sniffer}: count the comma and TAB
     * characters outside double quotes on the first line; more TABs than commas means TAB, otherwise any comma means
     * comma; with neither, the file name decides ({@code .tsv} is TAB, anything else comma).
     */
    public static char delimiter(String head, String key) {
        int commas = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            if (!quoted && PythonCsvReader.isLineBreak(c)) {
                break;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == '\t') {
                tabs++;
            }
        }
        if (tabs > commas) {
            return '\t';
        }
        if (commas > 0) {
            return ',';
        }
        return key.toLowerCase(Locale.ROOT).endsWith(".tsv") ? '\t' : ',';
    }
}
