package dev.adlens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The artifacts in models/ are exactly the ones models/SHA256SUMS names (rebuild bytes: models/build/verify). */
@IntegrationTest
class ModelChecksumsTest {
    @Test
    void everyArtifactMatchesItsChecksum() throws Exception {
        List<String> lines = Files.readAllLines(TestModels.dir().resolve("SHA256SUMS"));
        assertThat(lines).extracting(l -> l.substring(66))
                .contains("visual/visual.onnx", "words/glove-6b-100d.f16", "words/glove-6b-100d.vocab");
        for (String line : lines) {
            String expected = line.substring(0, 64);
            Path file = TestModels.dir().resolve(line.substring(66));
            assertThat(sha256(file)).as(file.toString()).isEqualTo(expected);
        }
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
