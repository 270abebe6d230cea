package dev.adlens;

import java.nio.file.Path;

/** Where tests find the built artifacts: {@code -Dadlens.models} (set by the pom) or ./models. */
public final class TestModels {
    private TestModels() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("adlens.models", "models"));
    }

    /** Tesseract language data: $TESSDATA_PREFIX or Debian's. */
    public static Path tessdata() {
        return Path.of(System.getenv().getOrDefault("TESSDATA_PREFIX", "/usr/share/tesseract-ocr/5/tessdata"));
    }

    /** The head under test: {@code -Dtest.head} (the CI smoke run's fresh export) or models/head. */
    public static Path headDir() {
        String override = System.getProperty("test.head");
        return override == null || override.isBlank() ? dir().resolve("head") : Path.of(override);
    }

    public static Path visual() {
        return dir().resolve("visual/visual.onnx");
    }

    public static Path adultCheck() {
        return dir().resolve(dev.adlens.visual.AdultCheck.FILE);
    }
}
