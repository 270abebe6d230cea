package dev.adlens.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.UnitTest;
import dev.adlens.image.RgbImage;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The views Tesseract reads: the same bytes as bilinear resampling computed pixel by pixel (the form before). */
@UnitTest
class GrayViewTest {
    @ParameterizedTest
    @CsvSource({"520,320,2", "1228,1860,0.5504885993485342", "1104,550,0.9275362318840579", "37,41,2", "800,771,1"})
    void viewsAreBilinearResamplingPixelForPixel(int w, int h, double scale) {
        byte[] rgb = new byte[w * h * 3];
        new Random(w * 31L + h).nextBytes(rgb);
        RgbImage img = new RgbImage(w, h, rgb);
        GrayView lum = GrayView.luminance(img, scale);
        GrayView min = GrayView.invertedMinChannel(img, scale);
        assertThat(lum.pixels()).isEqualTo(reference(img, scale, false));
        assertThat(min.pixels()).isEqualTo(reference(img, scale, true));
        assertThat(lum.width()).isEqualTo(Math.max(1, (int) Math.round(w * scale)));
        assertThat(lum.height()).isEqualTo(Math.max(1, (int) Math.round(h * scale)));
    }

    /** The per-pixel form the view had before its weights were precomputed per column. */
    private static byte[] reference(RgbImage img, double s, boolean minChannel) {
        int w = img.width();
        int h = img.height();
        byte[] src = new byte[w * h];
        for (int i = 0; i < w * h; i++) {
            int r = img.rgb()[3 * i] & 0xff;
            int g = img.rgb()[3 * i + 1] & 0xff;
            int b = img.rgb()[3 * i + 2] & 0xff;
            src[i] = (byte) (minChannel ? 255 - Math.min(r, Math.min(g, b)) : (299 * r + 587 * g + 114 * b) / 1000);
        }
        if (s == 1) {
            return src;
        }
        int ow = Math.max(1, (int) Math.round(w * s));
        int oh = Math.max(1, (int) Math.round(h * s));
        byte[] out = new byte[ow * oh];
        for (int y = 0; y < oh; y++) {
            float fy = (float) Math.max(0, (y + 0.5) / s - 0.5);
            int y0 = Math.min((int) fy, h - 1);
            int y1 = Math.min(y0 + 1, h - 1);
            float wy = fy - y0;
            for (int x = 0; x < ow; x++) {
                float fx = (float) Math.max(0, (x + 0.5) / s - 0.5);
                int x0 = Math.min((int) fx, w - 1);
                int x1 = Math.min(x0 + 1, w - 1);
                float wx = fx - x0;
                float top = (src[y0 * w + x0] & 0xff) * (1 - wx) + (src[y0 * w + x1] & 0xff) * wx;
                float bottom = (src[y1 * w + x0] & 0xff) * (1 - wx) + (src[y1 * w + x1] & 0xff) * wx;
                out[y * ow + x] = (byte) Math.round(top * (1 - wy) + bottom * wy);
            }
        }
        return out;
    }
}
