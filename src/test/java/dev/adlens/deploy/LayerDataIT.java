package dev.adlens.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The layer's data as `native-build/build-layer --data-only` builds it (what /opt/models and /opt/tessdata hold on
 * Lambda): every artifact the function reads — the fusion weights and the built-in taxonomies' vectors included, which
 * an earlier hand-kept list left out, so the deployed function answered Pitt topics with the head alone — and nothing
 * that only builds the function.
 */
@IntegrationTest
class LayerDataIT {
    @Test
    void theLayerCarriesEveryModelFileTheFunctionReads() throws Exception {
        Process p = new ProcessBuilder("native-build/build-layer", "--data-only").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<String> sums = Files.readAllLines(Path.of("models", "SHA256SUMS"));
        try (ZipFile zip = new ZipFile("target/layer/adlens-layer-data.zip")) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            assertThat(names).contains("models/head/head.onnx", "models/head/head.json", "models/head/fusion.json",
                    "models/text/text.onnx", "models/text/tokenizer.json", "models/visual/visual.onnx",
                    "tessdata/eng.traineddata");
            assertThat(names).anyMatch(n -> n.startsWith("models/categories/") && n.endsWith(".f32"));
            for (String line : sums) {
                String file = line.substring(line.indexOf("  ") + 2);
                if (!file.startsWith("taxonomies/")) {
                    assertThat(names).as("listed in models/SHA256SUMS").contains("models/" + file);
                }
            }
            assertThat(names).noneMatch(n -> n.startsWith("models/taxonomies/") || n.startsWith("models/train/")
                    || n.startsWith("models/build/") || n.endsWith(".md"));
        }
    }
}
