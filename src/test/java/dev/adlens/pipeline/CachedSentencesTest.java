package dev.adlens.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.UnitTest;
import dev.adlens.category.SentenceEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a taxonomy's vectors come from: shipped first, then the writable cache, else the encoder (and then cached). */
@UnitTest
class CachedSentencesTest {
    /** A stand-in encoder: each text's vector is {its length, a counter}, so a second encoding would differ. */
    static final class Counting implements SentenceEncoder {
        final List<Integer> calls = new ArrayList<>();
        final String name;

        Counting(String name) {
            this.name = name;
        }

        @Override
        public List<float[]> encode(List<String> texts) {
            calls.add(texts.size());
            return texts.stream().map(t -> new float[]{t.length(), calls.size()}).collect(Collectors.toList());
        }

        @Override
        public String name() {
            return name;
        }
    }

    static final List<String> TAXONOMY = IntStream.range(0, CachedSentences.MIN_TEXTS)
            .mapToObj(i -> "phrase " + i).toList();

    @Test
    void aMissIsEncodedOnceThenReadBackAndShippedVectorsAreReadFirst(@TempDir Path tmp) throws Exception {
        Path shipped = Files.createDirectories(tmp.resolve("shipped"));
        Path cache = tmp.resolve("cache");
        Counting encoder = new Counting("enc-a");
        List<float[]> first = new CachedSentences(encoder, Optional.of(shipped), Optional.of(cache)).encode(TAXONOMY);
        List<float[]> again = new CachedSentences(encoder, Optional.of(shipped), Optional.of(cache)).encode(TAXONOMY);
        assertThat(encoder.calls).containsExactly(TAXONOMY.size());
        assertThat(again).usingRecursiveFieldByFieldElementComparator().isEqualTo(first);
        try (var files = Files.list(shipped)) {
            assertThat(files).as("the shipped directory is never written").isEmpty();
        }

        // what models/build/category-vectors does: the cache's files become the shipped ones; no cache at all now
        try (var files = Files.list(cache)) {
            for (Path f : files.toList()) {
                Files.copy(f, shipped.resolve(f.getFileName()));
            }
        }
        Counting fresh = new Counting("enc-a");
        List<float[]> fromShipped = new CachedSentences(fresh, Optional.of(shipped), Optional.empty()).encode(TAXONOMY);
        assertThat(fresh.calls).isEmpty();
        assertThat(fromShipped).usingRecursiveFieldByFieldElementComparator().isEqualTo(first);
    }

    @Test
    void anotherEncoderOrOtherTextsMissAndADamagedFileIsAMissNotAnError(@TempDir Path tmp) throws Exception {
        Path cache = tmp.resolve("cache");
        new CachedSentences(new Counting("enc-a"), Optional.empty(), Optional.of(cache)).encode(TAXONOMY);
        Counting other = new Counting("enc-b");
        new CachedSentences(other, Optional.empty(), Optional.of(cache)).encode(TAXONOMY);
        assertThat(other.calls).as("vectors of another encoder").containsExactly(TAXONOMY.size());

        List<String> changed = new ArrayList<>(TAXONOMY);
        changed.set(3, "another phrase");
        Counting a = new Counting("enc-a");
        new CachedSentences(a, Optional.empty(), Optional.of(cache)).encode(changed);
        assertThat(a.calls).as("one text changed").containsExactly(TAXONOMY.size());

        try (var files = Files.list(cache)) {
            for (Path f : files.toList()) {
                Files.write(f, new byte[]{1, 2, 3}); // truncated
            }
        }
        Counting damaged = new Counting("enc-a");
        assertThat(new CachedSentences(damaged, Optional.empty(), Optional.of(cache)).encode(TAXONOMY)).hasSize(16);
        assertThat(damaged.calls).containsExactly(TAXONOMY.size());
    }

    @Test
    void aFewTextsAreNeverKept(@TempDir Path tmp) throws Exception {
        Path cache = tmp.resolve("cache");
        Counting encoder = new Counting("enc-a");
        CachedSentences c = new CachedSentences(encoder, Optional.empty(), Optional.of(cache));
        c.encode(List.of("one example"));
        c.encode(List.of("one example"));
        assertThat(encoder.calls).containsExactly(1, 1);
        assertThat(Files.exists(cache)).isFalse();
    }
}
