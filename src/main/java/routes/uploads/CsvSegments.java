package routes.uploads;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.BooleanSupplier;

/**
 * Checks the records after the header: of a large byte-mode file (UTF-8, windows-1252, latin-1) in line-aligned
 * segments, one thread per segment after the first, with the same outcome as one sequential read; of any other file
 * as one segment ({@link #whole}).
 * <p>Why it is exact: a segment after the first starts right after a LF byte, as if a record began there. That holds
 * if and only if the sequential read would end a record exactly at that offset (a LF inside a quoted field does not end
 * one), which the reader of the previous segment proves when it gets there. If it does not, because a record straddles
 * the offset, that reader simply reads on to the end of the file and the later segments' results are ignored. Row and
 * line numbers of a later segment are offset by those before it, and the first failure in file order wins, as it does
 * sequentially (a later segment that is not this encoding only counts if every earlier one was read to its end).
 * A LF byte never occurs inside a multi-byte UTF-8 sequence, so no character is split.
 */
final class CsvSegments {
    /** What one segment's reader found. */
    record Segment(long records, long lines, boolean toEnd, Integer found, PythonCsvReader.CsvError error,
                   CharacterCodingException notThisEncoding) {
        static Segment failed(long records, long lines, int found) {
            return new Segment(records, lines, true, found, null, null);
        }
    }

    private final CsvInspector.ByteSource source;
    private final long[] boundaries;

    private CsvSegments(CsvInspector.ByteSource source, long[] boundaries) {
        this.source = source;
        this.boundaries = boundaries;
    }

    /**
     * Splits {@code size} bytes into at most {@code segments} parts of at least {@code minSegmentBytes}, each starting
     * right after a LF; null when the file is not worth splitting (or has no LF where one is needed).
     */
    static CsvSegments plan(CsvInspector.ByteSource source, long size, int segments, long minSegmentBytes) throws IOException {
        int parts = (int) Math.min(segments, size / Math.max(1, minSegmentBytes));
        List<Long> starts = new ArrayList<>();
        long previous = 0;
        byte[] probe = new byte[64 * 1024];
        for (int i = 1; i < parts; i++) {
            long target = Math.max(size * i / parts, previous + 1);
            long boundary = nextLineStart(source, target, size, probe);
            if (boundary > previous && boundary < size) {
                starts.add(boundary);
                previous = boundary;
            }
        }
        if (starts.isEmpty()) {
            return null;
        }
        long[] boundaries = new long[starts.size() + 1];
        for (int i = 0; i < starts.size(); i++) {
            boundaries[i] = starts.get(i);
        }
        boundaries[starts.size()] = Long.MAX_VALUE; // the last segment ends at the end of the file
        return new CsvSegments(source, boundaries);
    }

    /** The offset right after the first LF at or after {@code from}, or -1 when none is within 1 MB. */
    private static long nextLineStart(CsvInspector.ByteSource source, long from, long size, byte[] probe) throws IOException {
        try (InputStream in = source.openAt(from)) {
            long offset = from;
            while (offset < size && offset - from < (1 << 20)) {
                int n = in.read(probe, 0, probe.length);
                if (n < 0) {
                    return -1;
                }
                for (int i = 0; i < n; i++) {
                    if (probe[i] == '\n') {
                        return offset + i + 1;
                    }
                }
                offset += n;
            }
            return -1;
        }
    }

    /** The whole file as one segment, read by the caller's reader alone. */
    static CsvSegments whole(CsvInspector.ByteSource source) {
        return new CsvSegments(source, new long[] {Long.MAX_VALUE});
    }

    /** Where the first segment ends, as an offset of the file. */
    long firstBoundary() {
        return boundaries[0];
    }

    /**
     * Reads every later segment on its own thread while {@code first} (positioned after the header, over a stream whose
     * offset 0 is the file's offset {@code skippedBytes}) reads the first; then merges in file order.
     *
     * @return the check: failed at the first incomplete row or parser error, or valid with every record counted
     */
    FileCheck check(PythonCsvReader first, long skippedBytes, TextEncoding encoding, char delimiter, int columns,
                    FileCheck check) throws IOException {
        List<FutureTask<Segment>> later = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            for (int i = 0; i + 1 < boundaries.length; i++) {
                long start = boundaries[i];
                long end = boundaries[i + 1];
                FutureTask<Segment> task = new FutureTask<>(() -> {
                    try (InputStream in = source.openAt(start)) {
                        PythonCsvReader csv = new PythonCsvReader(in, delimiter, encoding);
                        return read(csv, columns, end == Long.MAX_VALUE ? Long.MAX_VALUE : end - start, done::get);
                    } catch (CharacterCodingException e) {
                        return new Segment(0, 0, true, null, null, e);
                    }
                });
                Thread thread = new Thread(task, "csv-segment-" + (i + 1));
                thread.setDaemon(true);
                thread.start();
                later.add(task);
            }
            long rows = 1; // the header
            long lines = first.lineNumber();
            Segment segment = read(first, columns, boundaries[0] - skippedBytes, done::get);
            for (int i = 0; ; i++) {
                if (segment.notThisEncoding() != null) {
                    throw segment.notThisEncoding();
                }
                if (segment.error() != null) {
                    return check.parseError(lines + segment.error().line(), segment.error().getMessage());
                }
                rows += segment.records();
                lines += segment.lines();
                if (segment.found() != null) {
                    return check.incompleteRow(columns, rows, segment.found());
                }
                if (segment.toEnd()) {
                    return check.valid(rows);
                }
                segment = outcome(later.get(i));
            }
        } finally {
            done.set(true);
            for (FutureTask<Segment> task : later) {
                try {
                    task.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException ignored) {
                    // already reported through outcome(), or not needed
                }
            }
        }
    }

    private static Segment outcome(FutureTask<Segment> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while checking a file", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Reads records until one ends exactly at {@code stopAt} (an offset of the reader's input), a record is incomplete,
     * or the input ends; once a record straddles {@code stopAt}, it reads on to the end of the input.
     */
    static Segment read(PythonCsvReader csv, int columns, long stopAt, BooleanSupplier abandoned)
            throws IOException {
        long records = 0;
        long stop = stopAt;
        long linesBefore = csv.lineNumber();
        try {
            while (true) {
                long at = csv.bytesRead();
                if (at == stop) {
                    return new Segment(records, csv.lineNumber() - linesBefore, false, null, null, null);
                }
                if (at > stop) {
                    stop = Long.MAX_VALUE;
                }
                if (abandoned.getAsBoolean()) {
                    return new Segment(records, csv.lineNumber() - linesBefore, true, null, null, null);
                }
                int found = csv.nextRecord();
                if (found < 0) {
                    return new Segment(records, csv.lineNumber() - linesBefore, true, null, null, null);
                }
                records++;
                if (found < columns) {
                    return Segment.failed(records, csv.lineNumber() - linesBefore, found);
                }
            }
        } catch (PythonCsvReader.CsvError e) {
            return new Segment(records, 0, true, null, new PythonCsvReader.CsvError(e.getMessage(), e.line() - linesBefore), null);
        }
    }
}
