package dev.adlens.visual;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.image.RgbImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

@dev.adlens.UnitTest
class InputResizerTest {
    private static RgbImage noise(int width, int height, long seed) {
        byte[] rgb = new byte[width * height * 3];
        new Random(seed).nextBytes(rgb);
        return new RgbImage(width, height, rgb);
    }

    @Test
    void everyByteIsThePerPixelBilinearOneWhenStretchingUpDownAndAcross() {
        int[][] sizes = {{728, 90}, {90, 728}, {1, 1}, {3, 700}, {1200, 1200}, {511, 513}, {300, 250}};
        long seed = 1;
        for (int[] s : sizes) {
            RgbImage image = noise(s[0], s[1], seed++);
            assertThat(InputResizer.stretch(image, 512, 512).rgb()).isEqualTo(PerPixelStretch.stretch(image, 512, 512));
            assertThat(InputResizer.stretch(image, 224, 160).rgb()).isEqualTo(PerPixelStretch.stretch(image, 224, 160));
        }
    }

    @Test
    void anImageAlreadyAtTheTargetSizeIsReturnedAsItIs() {
        RgbImage image = noise(512, 512, 7);
        assertThat(InputResizer.stretch(image, 512, 512)).isSameAs(image);
        RgbImage stretched = InputResizer.stretch(noise(640, 480, 8), 512, 512);
        assertThat(stretched.width()).isEqualTo(512);
        assertThat(stretched.height()).isEqualTo(512);
    }
}
