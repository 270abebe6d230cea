package dev.adlens.visual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.adlens.IntegrationTest;
import dev.adlens.TestModels;
import dev.adlens.image.RgbImage;
import dev.adlens.onnx.OnnxModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The adult output on real ads: the Jockey underwear ad of the 41-ad dev set ({@code -Dtest.devset}; two men in
 * underwear on a beach) against the synthetic software banner under samples/. Skipped where this checkout lacks the
 * dev set.
 */
@IntegrationTest
class AdultScoresOnAdsTest {
    @Test
    void underwearAdIsSexierThanASoftwareBanner() throws Exception {
        Path dev = Path.of(System.getProperty("test.devset", "../shared/dev-set/images"));
        Path underwear = dev.resolve("active.jpg"); // Jockey underwear, "Just Jockeying" (dev-set/labels.json)
        assumeTrue(Files.isRegularFile(underwear), "no dev set at " + dev);
        try (OnnxModel model = OnnxModel.open(TestModels.visual(), OnnxModel.Options.threads(2))) {
            LocalOnnxVisualEncoder encoder = new LocalOnnxVisualEncoder(model);
            List<VisualFeatures> f = encoder.encode(List.of(read(underwear), read(Path.of("samples/software-taxcalm.jpg"))));
            AdultScores ad = f.get(0).adult();
            AdultScores banner = f.get(1).adult();
            System.out.printf("adult: underwear %s%n       software  %s%n", ad, banner);
            // nsfwjs is far from calling the Jockey ad "sexy" (3.1e-4: two small figures on a beach; the banner 1.1e-4),
            // but it ranks it above the banner
            assertThat(ad.sexy()).isGreaterThan(banner.sexy());
            // neither is pornographic
            assertThat(ad.porn() + ad.hentai()).isLessThan(0.1);
            assertThat(banner.porn() + banner.hentai()).isLessThan(0.1);
        }
    }

    private static RgbImage read(Path p) throws Exception {
        return RgbImage.of(ImageIO.read(p.toFile()));
    }
}
