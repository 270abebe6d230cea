package dev.adlens.image;

/**
 * A decoded ad: upright (EXIF orientation applied), alpha flattened on white, RGB. {@code format} is the detected
 * container ("jpeg", "png", ...); {@code sourceWidth/Height} are the header's dimensions before subsampling.
 */
public record DecodedImage(RgbImage image, String format, int sourceWidth, int sourceHeight, int exifOrientation) {
}
