package dev.adlens.image;

import java.io.IOException;
import javax.imageio.IIOException;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * The encoded bytes as an ImageIO stream that stops answering once aborted: every read after {@link #abort()} throws.
 * A reader that ignores {@code ImageReader.abort()} (TwelveMonkeys' WebP) still reads its input, so this ends its
 * decode at the next read instead of whenever its loop finishes (the fuzzer's 58-byte WebP: ~20 s).
 */
final class AbortableInput extends ImageInputStreamImpl {
    private final byte[] bytes;
    private volatile boolean aborted;

    AbortableInput(byte[] bytes) {
        this.bytes = bytes;
    }

    void abort() {
        aborted = true;
    }

    /** Whether the deadline has passed: set before any read can fail because of it, so a failure can be told apart. */
    boolean aborted() {
        return aborted;
    }

    private void check() throws IIOException {
        if (aborted) {
            throw new IIOException("decoding aborted at its deadline");
        }
    }

    @Override
    public int read() throws IOException {
        check();
        bitOffset = 0;
        return streamPos < bytes.length ? bytes[(int) streamPos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        check();
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        if (streamPos >= bytes.length) {
            return -1;
        }
        int n = (int) Math.min(len, bytes.length - streamPos);
        System.arraycopy(bytes, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return bytes.length;
    }
}
