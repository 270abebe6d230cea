package dev.adlens.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.UnitTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@UnitTest
class NpyArrayWriterTest {
    @Test
    void writesAValidNpyHeaderAndLittleEndianRows(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.npy");
        try (NpyArrayWriter w = new NpyArrayWriter(file, 2, 3)) {
            w.append(new float[]{1, 2, 3, 4, 5, 6});
            w.append(new float[]{-1, 0.5f, 0, 0, 0, 7});
        }
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[0] & 0xff).isEqualTo(0x93);
        assertThat(new String(bytes, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        assertThat((10 + headerLength) % 64).isZero(); // numpy requires the data to start aligned
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertThat(header).contains("'descr': '<f4'", "'shape': (2, 2, 3)").endsWith("\n");
        ByteBuffer data = ByteBuffer.wrap(bytes, 10 + headerLength, 48).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(data.getFloat()).isEqualTo(1f);
        data.position(10 + headerLength + 6 * 4);
        assertThat(data.getFloat()).isEqualTo(-1f);
        assertThat(bytes.length).isEqualTo(10 + headerLength + 12 * 4);
        assertThat(Files.exists(dir.resolve("a.npy.rows"))).isFalse();
    }

    @Test
    void scalarRowsGiveAOneDimensionalArray(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("b.npy");
        try (NpyArrayWriter w = new NpyArrayWriter(file)) {
            w.append(new float[]{1});
        }
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.US_ASCII)).contains("'shape': (1,)");
    }
}
