package dev.adlens.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.UnitTest;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Packing decoded rasters: the byte-order fast path gives exactly what the colour model gives. */
@UnitTest
class RgbImageTest {
    @Test
    void aPackedBgrRasterIsTheSameAsThroughTheColourModel() {
        BufferedImage bgr = randomBgr(131, 77, 1);
        RgbImage fast = RgbImage.of(bgr);
        assertThat(fast.rgb()).isEqualTo(throughColourModel(bgr));
        assertThat(fast.width()).isEqualTo(131);
        assertThat(fast.height()).isEqualTo(77);
        int p = bgr.getRGB(5, 9);
        int i = (9 * 131 + 5) * 3;
        assertThat(new int[]{fast.rgb()[i] & 0xff, fast.rgb()[i + 1] & 0xff, fast.rgb()[i + 2] & 0xff})
                .containsExactly((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff);
    }

    @Test
    void aSubImageSharingALargerRasterGoesThroughTheColourModel() {
        BufferedImage sub = randomBgr(200, 150, 2).getSubimage(13, 7, 101, 90);
        assertThat(RgbImage.of(sub).rgb()).isEqualTo(throughColourModel(sub));
    }

    @Test
    void otherTypesAreUnchanged() {
        BufferedImage argb = new BufferedImage(64, 48, BufferedImage.TYPE_INT_ARGB);
        Random r = new Random(3);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                argb.setRGB(x, y, r.nextInt());
            }
        }
        assertThat(RgbImage.of(argb).rgb()).isEqualTo(throughColourModel(argb));
    }

    private static BufferedImage randomBgr(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        new Random(seed).nextBytes(data);
        return img;
    }

    private static byte[] throughColourModel(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0, j = 0; i < argb.length; i++) {
            rgb[j++] = (byte) (argb[i] >> 16);
            rgb[j++] = (byte) (argb[i] >> 8);
            rgb[j++] = (byte) argb[i];
        }
        return rgb;
    }
}
