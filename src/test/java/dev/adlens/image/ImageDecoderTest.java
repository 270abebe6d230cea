package dev.adlens.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adlens.UnitTest;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Fixtures: a 64x48 image with red (top-left), green (top-right), blue (bottom-left), white quadrants. */
@UnitTest
class ImageDecoderTest {
    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);

    static byte[] fixture(String name) throws Exception {
        try (InputStream in = ImageDecoderTest.class.getResourceAsStream("/images/" + name)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"quadrants.png", "quadrants-rgb.png", "quadrants-16bit.png", "quadrants-palette.png",
            "quadrants.gif", "quadrants.bmp", "quadrants.webp", "quadrants.jpg", "quadrants-progressive.jpg",
            "quadrants-cmyk.jpg"})
    void decodesEveryFormatToTheSameColours(String name) throws Exception {
        DecodedImage d = decoder.decode(fixture(name));
        assertThat(d.image().width()).isEqualTo(64);
        assertThat(d.image().height()).isEqualTo(48);
        int tolerance = name.endsWith(".jpg") ? 40 : 2; // JPEG (and CMYK->RGB) is lossy
        assertColour(d.image(), 8, 8, 255, 0, 0, tolerance);
        assertColour(d.image(), 56, 8, 0, 255, 0, tolerance);
        assertColour(d.image(), 8, 40, 0, 0, 255, tolerance);
        assertColour(d.image(), 56, 40, 255, 255, 255, tolerance);
    }

    @Test
    void reportsTheDetectedFormat() throws Exception {
        assertThat(decoder.decode(fixture("quadrants.webp")).format()).isEqualTo("webp");
        assertThat(decoder.decode(fixture("quadrants-cmyk.jpg")).format()).isEqualTo("jpeg");
    }

    @Test
    void flattensAlphaOnWhite() throws Exception {
        RgbImage img = decoder.decode(fixture("alpha.png")).image();
        assertColour(img, 8, 8, 255, 0, 0, 0);
        assertColour(img, 56, 40, 255, 255, 255, 0); // fully transparent -> white, not black
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void appliesExifOrientationSix(boolean bigEndian) throws Exception {
        DecodedImage d = decoder.decode(withExifOrientation(fixture("quadrants.jpg"), 6, bigEndian));
        assertThat(d.exifOrientation()).isEqualTo(6);
        // Rotated 90 degrees clockwise: 48 wide, 64 high; red (was top-left) is now top-right.
        assertThat(d.image().width()).isEqualTo(48);
        assertThat(d.image().height()).isEqualTo(64);
        assertColour(d.image(), 40, 8, 255, 0, 0, 40);
        assertColour(d.image(), 8, 8, 0, 0, 255, 40);
        assertColour(d.image(), 40, 56, 0, 255, 0, 40);
    }

    @Test
    void everyOrientationIsTheInverseOfItsTransform() {
        RgbImage img = new RgbImage(3, 2, new byte[]{1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6});
        assertThat(ExifOrientation.apply(img, 1)).isSameAs(img);
        assertThat(ExifOrientation.apply(ExifOrientation.apply(img, 3), 3)).isEqualTo(img);
        assertThat(ExifOrientation.apply(ExifOrientation.apply(img, 6), 8)).isEqualTo(img);
        assertThat(ExifOrientation.apply(ExifOrientation.apply(img, 2), 2)).isEqualTo(img);
        assertThat(ExifOrientation.apply(img, 8).rgb()[0]).isEqualTo((byte) 3); // top-right goes to top-left
    }

    @Test
    void refusesADecompressionBombFromItsHeader() {
        byte[] bomb = pngHeaderOnly(100_000, 100_000); // 10 gigapixels declared in 60 bytes
        assertThatThrownBy(() -> decoder.decode(bomb)).isInstanceOf(AdlensException.class)
                .extracting(e -> ((AdlensException) e).code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE);
    }

    @Test
    void refusesTooManyBytesBeforeLookingAtThem() {
        ImageDecoder small = new ImageDecoder(new ImageLimits(100, 1_000_000, 8, 2400));
        assertThatThrownBy(() -> small.decode(new byte[101])).extracting(e -> ((AdlensException) e).code())
                .isEqualTo(ErrorCode.IMAGE_TOO_LARGE);
    }

    @Test
    void refusesTinyImages() {
        ImageDecoder strict = new ImageDecoder(new ImageLimits(1 << 20, 1_000_000, 50, 2400));
        assertThatThrownBy(() -> strict.decode(fixture("quadrants.png"))).extracting(e -> ((AdlensException) e).code())
                .isEqualTo(ErrorCode.IMAGE_TOO_SMALL);
    }

    @Test
    void subsamplesHugeImagesWhileDecoding() throws Exception {
        ImageDecoder capped = new ImageDecoder(new ImageLimits(1 << 20, 1_000_000, 8, 32));
        DecodedImage d = capped.decode(fixture("quadrants-rgb.png"));
        assertThat(d.image().width()).isEqualTo(32);
        assertThat(d.sourceWidth()).isEqualTo(64);
        assertColour(d.image(), 4, 4, 255, 0, 0, 2);
    }

    @Test
    void subsamplesByTheLongerSideButKeepsThinBannersTall() {
        assertThat(ImageDecoder.subsampling(8000, 6000, 2400)).isEqualTo(4);
        assertThat(ImageDecoder.subsampling(2400, 2400, 2400)).isEqualTo(1);
        assertThat(ImageDecoder.subsampling(10000, 50, 2400)).isEqualTo(1);   // was 5: 2000x10, no text left
        assertThat(ImageDecoder.subsampling(50000, 1000, 2400)).isEqualTo(3); // shorter side stays >= 256
    }

    @Test
    void typesUnsupportedAndCorruptInput() throws Exception {
        assertThatThrownBy(() -> decoder.decode("%PDF-1.4 not an image".getBytes(StandardCharsets.US_ASCII)))
                .extracting(e -> ((AdlensException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
        byte[] jpeg = fixture("quadrants.jpg");
        byte[] truncated = Arrays.copyOf(jpeg, 40);
        assertThatThrownBy(() -> decoder.decode(truncated)).extracting(e -> ((AdlensException) e).code())
                .isEqualTo(ErrorCode.CORRUPT_IMAGE);
        assertThatThrownBy(() -> decoder.decode(new byte[0])).extracting(e -> ((AdlensException) e).code())
                .isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
    }

    static void assertColour(RgbImage img, int x, int y, int r, int g, int b, int tolerance) {
        int i = (y * img.width() + x) * 3;
        int[] actual = {img.rgb()[i] & 0xff, img.rgb()[i + 1] & 0xff, img.rgb()[i + 2] & 0xff};
        assertThat(actual[0]).as("red at %d,%d", x, y).isBetween(r - tolerance, r + tolerance);
        assertThat(actual[1]).as("green at %d,%d", x, y).isBetween(g - tolerance, g + tolerance);
        assertThat(actual[2]).as("blue at %d,%d", x, y).isBetween(b - tolerance, b + tolerance);
    }

    /** Inserts an APP1 Exif segment with only IFD0/Orientation right after SOI. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation, boolean bigEndian) {
        ByteBuffer tiff = ByteBuffer.allocate(26).order(bigEndian ? ByteOrder.BIG_ENDIAN
                : ByteOrder.LITTLE_ENDIAN);
        tiff.put(bigEndian ? (byte) 'M' : (byte) 'I').put(bigEndian ? (byte) 'M' : (byte) 'I').putShort((short) 42)
                .putInt(8).putShort((short) 1)
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0)
                .putInt(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int length = 2 + 6 + tiff.capacity();
        out.write(0xff);
        out.write(0xe1);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(tiff.array());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4 + 12);
        png.put(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}).putInt(13).put(ihdr.array())
                .putInt((int) crc.getValue());
        CRC32 end = new CRC32();
        end.update("IEND".getBytes(StandardCharsets.US_ASCII));
        png.putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt((int) end.getValue());
        return png.array();
    }
}
