package routes.uploads;

import java.io.IOException;
import java.io.InputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A file's bytes as a stream, read through a memory mapping (one window of the file at a time) instead of
 * {@code read} system calls: a large read is then one copy from the page cache instead of two (kernel to a direct
 * buffer, direct buffer to the array). The mapping is outside the heap, so the heap does not grow with the file.
 */
final class MappedFileInput extends InputStream {
    private static final long WINDOW = 64L * 1024 * 1024;

    private final long windowSize;
    private final FileChannel channel;
    private final long size;
    private MappedByteBuffer window;
    private long windowStart;
    private long position;

    MappedFileInput(Path file) throws IOException {
        this(file, WINDOW);
    }

    /** The file's bytes from {@code start} on. */
    static MappedFileInput from(Path file, long start) throws IOException {
        MappedFileInput in = new MappedFileInput(file, WINDOW);
        in.position = Math.min(start, in.size);
        return in;
    }

    /** Maps at most {@code windowSize} bytes at a time. */
    MappedFileInput(Path file, long windowSize) throws IOException {
        this.windowSize = windowSize;
        this.channel = FileChannel.open(file);
        this.size = channel.size();
    }

    private final byte[] one = new byte[1];

    @Override
    public int read() throws IOException {
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (position >= size) {
            return -1;
        }
        if (window == null || position >= windowStart + window.capacity()) {
            windowStart = position;
            window = channel.map(FileChannel.MapMode.READ_ONLY, windowStart, Math.min(windowSize, size - windowStart));
        }
        int offset = (int) (position - windowStart);
        int n = Math.min(len, window.capacity() - offset);
        window.get(offset, b, off, n);
        position += n;
        return n;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, size - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, size - position);
    }

    @Override
    public void close() throws IOException {
        window = null;
        channel.close();
    }
}
