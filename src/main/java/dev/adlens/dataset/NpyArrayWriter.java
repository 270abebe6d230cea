package dev.adlens.dataset;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Streams a float32 array of shape [rows, rowShape...] into a NumPy {@code .npy} (format 1.0, little-endian, C
 * order) without knowing the row count in advance: rows go to a side file, {@link #close()} writes the header
 * and appends them. Not thread-safe; one writer per array.
 */
public final class NpyArrayWriter implements AutoCloseable {
    private final Path target;
    private final Path rowsFile;
    private final int[] rowShape;
    private final int rowLength;
    private final OutputStream rows;
    private final ByteBuffer buffer;
    private long count;

    public NpyArrayWriter(Path target, int... rowShape) throws IOException {
        this.target = target;
        this.rowShape = rowShape.clone();
        this.rowLength = Arrays.stream(rowShape).reduce(1, (a, b) -> a * b);
        this.rowsFile = target.resolveSibling(target.getFileName() + ".rows");
        this.rows = new BufferedOutputStream(Files.newOutputStream(rowsFile), 1 << 16);
        this.buffer = ByteBuffer.allocate(rowLength * 4).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Appends one row of exactly {@code prod(rowShape)} values. */
    public void append(float[] row) throws IOException {
        if (row.length != rowLength) {
            throw new IllegalArgumentException("row has " + row.length + " values, expected " + rowLength);
        }
        buffer.clear();
        buffer.asFloatBuffer().put(row);
        rows.write(buffer.array());
        count++;
    }

    @Override
    public void close() throws IOException {
        rows.close();
        String shape = "(" + count + (rowShape.length == 0 ? "," : ", " + Arrays.stream(rowShape)
                .mapToObj(Integer::toString).collect(Collectors.joining(", "))) + ")";
        StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }");
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target))) {
            out.write(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            out.write(header.length() & 0xff);
            out.write(header.length() >> 8);
            out.write(header.toString().getBytes(StandardCharsets.US_ASCII));
            Files.copy(rowsFile, out);
        }
        Files.delete(rowsFile);
    }
}
