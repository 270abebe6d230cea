package dev.adlens.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adlens.TestModels;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opened on first use, once; a failed open remembered (not retried per caller); closed means a typed error. */
@dev.adlens.IntegrationTest
class LazyOnnxModelTest {
    @TempDir
    Path tmp;

    @Test
    void opensOnceOnFirstUseAndClosesWhatItOpened() throws Exception {
        LazyOnnxModel lazy = new LazyOnnxModel(TestModels.dir().resolve("head/head.onnx"), OnnxModel.Options.threads(1));
        assertThat(lazy.opened()).isFalse();
        OnnxModel first = lazy.get();
        assertThat(lazy.get()).isSameAs(first);
        assertThat(lazy.opened()).isTrue();
        lazy.close();
        assertThat(lazy.opened()).isFalse();
        assertThatThrownBy(lazy::get).isInstanceOfSatisfying(AdlensException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_INVALID));
    }

    @Test
    void aFailedOpenIsRememberedNotRetried() throws Exception {
        Path broken = Files.writeString(tmp.resolve("broken.onnx"), "not an onnx graph");
        try (LazyOnnxModel lazy = new LazyOnnxModel(broken, OnnxModel.Options.threads(1))) {
            AdlensException first = (AdlensException) org.assertj.core.api.Assertions.catchThrowable(lazy::get);
            assertThat(first.code()).isEqualTo(ErrorCode.MODEL_INVALID);
            // a fixed file is not picked up: the process answers the same failure it met, without loading again
            Files.copy(TestModels.dir().resolve("head/head.onnx"), broken, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(org.assertj.core.api.Assertions.catchThrowable(lazy::get)).isSameAs(first);
            assertThat(lazy.opened()).isFalse();
        }
    }

    @Test
    void weightsKeptQuantisedAreNeverCachedAsAFoldedGraph() throws Exception {
        Path cache = Files.createDirectory(tmp.resolve("graphs"));
        OnnxModel.Options options = OnnxModel.Options.threads(1).withWeightsQuantised().withCache(GraphCache.in(cache));
        assertThat(options.weightsQuantised()).isTrue();
        assertThat(options.cache()).isEqualTo(GraphCache.NONE);
        try (OnnxModel m = OnnxModel.open(TestModels.adultCheck(), options)) {
            assertThat(m.metadata()).containsKey("adlens.adult_classes");
        }
        try (java.util.stream.Stream<Path> files = Files.list(cache)) {
            assertThat(files).isEmpty();
        }
        // the same model with a cache, folded, does write one: the check above can fail
        try (OnnxModel m = OnnxModel.open(TestModels.adultCheck(), OnnxModel.Options.threads(1).withCache(GraphCache.in(cache)))) {
            assertThat(m.metadata()).isNotEmpty();
        }
        try (java.util.stream.Stream<Path> files = Files.list(cache)) {
            assertThat(files).isNotEmpty();
        }
    }
}
