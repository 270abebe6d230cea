package dev.adlens;

import java.nio.file.Path;

/** Where tests find the built artifacts: {@code -Dadlens.models} (set by the pom) or ./models. */
public final class TestModels {
    private TestModels() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("adlens.models", "models"));
    }

    public static Path visual() {
        return dir().resolve("visual/visual.onnx");
    }
}
