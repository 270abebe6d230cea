package dev.adlens.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** samples/ is what `adlens samples` composes from Debian darknet's photos: rebuilt here, byte for byte. */
@IntegrationTest
class SampleAdsTest {
    @Test
    void theShippedSamplesAreRebuiltByteForByte(@TempDir Path dir) throws Exception {
        assertThat(Path.of("/usr/share/darknet/data/dog.jpg")).as("apt-get install darknet (./adlens setup darknet)")
                .exists();
        SampleAdsCommand c = new SampleAdsCommand();
        c.out = dir;
        assertThat(c.call()).isZero();
        try (Stream<Path> shipped = Files.list(Path.of("samples"))) {
            assertThat(shipped.map(p -> p.getFileName().toString()).sorted())
                    .containsExactlyElementsOf(SampleAdsCommand.ADS.stream().map(SampleAdsCommand.Ad::file).sorted()
                            .toList());
        }
        for (SampleAdsCommand.Ad ad : SampleAdsCommand.ADS) {
            assertThat(dir.resolve(ad.file())).as(ad.file()).hasSameBinaryContentAs(Path.of("samples", ad.file()));
        }
    }
}
