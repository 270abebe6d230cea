package dev.adlens.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adlens.bucket.ImageRef;
import dev.adlens.bucket.ObjectMeta;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.labels.ModelVersions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LabelStore} promises (one contract, run on {@code InMemoryLabelStore} and on {@code LabelTable}
 * over dynalite, as Powertools runs its persistence-store tests on each store): revision order, DUPLICATE / SUPERSEDED,
 * another model relabels, highest score first, paging with tokens, caller scoping, a refused token. Each test uses its
 * own keys and labels, so the stores may be shared between tests.
 */
abstract class LabelStoreContract {
    static final ModelVersions V1 = new ModelVersions("head-1", "visual-1", "words-1");
    static final ModelVersions V2 = new ModelVersions("head-2", "visual-1", "words-1");

    abstract LabelStore store();

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static LabelRecord record(String key, String topic, double score, long modified, String eTag, ModelVersions v,
                              String category) {
        ImageRef ref = new ImageRef("contract", key, null, eTag);
        LabelRecord r = LabelRecords.notLabeled(ref, new ObjectMeta(100, "image/jpeg", eTag, null, modified),
                RecordStatus.FAILED, ErrorCode.CORRUPT_IMAGE, "placeholder", v, null, Instant.parse("2026-12-05T12:00:00Z"));
        return new LabelRecord(r.image(), r.bucket(), r.key(), r.versionId(), r.eTag(), r.objectModified(),
                r.contentLength(), r.contentType(), RecordStatus.LABELED, null, null, r.modelVersion(),
                Optional.of(new LabelRecord.TopLabels(topic, score, topic + "-mood", score / 2, category, score,
                        topic + "-verdict", score)),
                r.result(), false, null, r.labeledAt(), null);
    }

    @Test
    void revisionsAreOrderedAndARepeatIsADuplicate() throws AdlensException {
        String key = unique("rev") + ".jpg";
        LabelStore s = store();
        assertThat(s.put(record(key, "cars", 0.5, 2000, "e2", V1, null))).isEqualTo(WriteResult.WRITTEN);
        assertThat(s.put(record(key, "cars", 0.5, 2000, "e2", V1, null))).isEqualTo(WriteResult.DUPLICATE);
        assertThat(s.put(record(key, "food", 0.9, 1000, "e1", V1, null))).isEqualTo(WriteResult.SUPERSEDED);
        assertThat(s.find("contract", key).orElseThrow().top().orElseThrow().topic()).isEqualTo("cars");
        assertThat(s.put(record(key, "food", 0.9, 3000, "e3", V1, null))).isEqualTo(WriteResult.WRITTEN);
        assertThat(s.find("contract", key).orElseThrow().eTag()).isEqualTo("e3");
    }

    @Test
    void theSameSecondWithAnotherETagOrAnotherModelIsWritten() throws AdlensException {
        String key = unique("same") + ".jpg";
        LabelStore s = store();
        assertThat(s.put(record(key, "cars", 0.5, 5000, "a", V1, null))).isEqualTo(WriteResult.WRITTEN);
        assertThat(s.put(record(key, "cars", 0.6, 5000, "b", V1, null))).isEqualTo(WriteResult.WRITTEN);
        assertThat(s.put(record(key, "cars", 0.7, 5000, "b", V2, null))).isEqualTo(WriteResult.WRITTEN);
        assertThat(s.put(record(key, "cars", 0.7, 5000, "b", V2, null))).isEqualTo(WriteResult.DUPLICATE);
        assertThat(s.find("contract", key).orElseThrow().modelVersion()).isEqualTo(LabelRecords.modelVersion(V2));
        assertThat(s.find("contract", unique("never"))).isEmpty();
    }

    @Test
    void listsComeHighestScoreFirstInPagesThatJoinUp() throws AdlensException {
        String topic = unique("topic");
        String category = "tax/" + unique("cat");
        LabelStore s = store();
        double[] scores = {0.31, 0.92, 0.55, 0.07, 0.78};
        for (int i = 0; i < scores.length; i++) {
            s.put(record(topic + "/" + i + ".jpg", topic, scores[i], 1000, "e" + i, V1, category));
        }
        for (String by : List.of("topic", "sentiment", "category", "verdict")) {
            List<Double> seen = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                Page p = switch (by) {
                    case "topic" -> s.byTopic(topic, 2, token, null);
                    case "sentiment" -> s.bySentiment(topic + "-mood", 2, token, null);
                    case "verdict" -> s.byVerdict(topic + "-verdict", 2, token, null);
                    default -> s.byCategory(category, 2, token, null);
                };
                assertThat(p.items().size()).isLessThanOrEqualTo(2);
                p.items().forEach(r -> seen.add(r.top().orElseThrow().topicScore()));
                token = p.nextToken().orElse(null);
                pages++;
            } while (token != null && pages < 10);
            assertThat(seen).as(by).containsExactly(0.92, 0.78, 0.55, 0.31, 0.07);
        }
    }

    @Test
    void anItemStoredBeforeVerdictsStillReadsAndIsListedByNoVerdict() throws AdlensException {
        String topic = unique("old");
        LabelStore s = store();
        LabelRecord r = record(topic + ".jpg", topic, 0.5, 1000, "e", V1, null);
        LabelRecord old = new LabelRecord(r.image(), r.bucket(), r.key(), r.versionId(), r.eTag(), r.objectModified(),
                r.contentLength(), r.contentType(), r.status(), null, null, r.modelVersion(),
                Optional.of(new LabelRecord.TopLabels(topic, 0.5, topic + "-mood", 0.25)), r.result(), false, null,
                r.labeledAt(), null);
        assertThat(s.put(old)).isEqualTo(WriteResult.WRITTEN);
        LabelRecord.TopLabels read = s.find("contract", topic + ".jpg").orElseThrow().top().orElseThrow();
        assertThat(read.topic()).isEqualTo(topic);
        assertThat(read.verdict()).isNull();
        assertThat(s.byTopic(topic, 10, null, null).items()).hasSize(1);
        for (String v : List.of("allow", "review", "block", "null", "")) {
            if (!v.isEmpty()) {
                assertThat(s.byVerdict(v, 100, null, null).items()).noneMatch(x -> x.image().equals(old.image()));
            }
        }
    }

    @Test
    void aCallerSeesBucketObjectsAndOnlyItsOwnUploads() throws AdlensException {
        String topic = unique("scoped");
        LabelStore s = store();
        s.put(record(topic + "/shared.jpg", topic, 0.5, 1000, "s", V1, null));
        s.put(record(topic + "/alice.jpg", topic, 0.6, 1000, "a", V1, null).withOwner("alice"));
        s.put(record(topic + "/bob.jpg", topic, 0.7, 1000, "b", V1, null).withOwner("bob"));
        assertThat(s.byTopic(topic, 100, null, "alice").items()).extracting(LabelRecord::key)
                .containsExactlyInAnyOrder(topic + "/shared.jpg", topic + "/alice.jpg");
        assertThat(s.byTopic(topic, 100, null, null).items()).hasSize(3);
        assertThat(s.find("contract", topic + "/bob.jpg").orElseThrow().visibleTo("alice")).isFalse();
    }

    @Test
    void aTokenItDidNotGiveAndABadLimitAreTheCallersMistake() {
        LabelStore s = store();
        assertThatThrownBy(() -> s.byTopic("cars", 2, "Zm9yZ2Vk", null)).isInstanceOfSatisfying(AdlensException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThatThrownBy(() -> s.byTopic("cars", 0, null, null)).isInstanceOfSatisfying(AdlensException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    }
}
