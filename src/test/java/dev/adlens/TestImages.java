package dev.adlens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Real ads for integration tests: the 41-ad dev set ({@code -Dtest.devset}, set by the pom to
 * ../shared/dev-set/images) when this checkout has it; otherwise the synthetic ads under samples/.
 */
public final class TestImages {
    private TestImages() {
    }

    public static List<Path> ads() {
        Path dev = Path.of(System.getProperty("test.devset", "../shared/dev-set/images"));
        Path dir = Files.isDirectory(dev) ? dev : Path.of("samples");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jpg") || p.toString().endsWith(".png")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
