package dev.adlens.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.safety.Action;
import dev.adlens.safety.Safety;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adlens.IntegrationTest;
import dev.adlens.aws.AwsClients;
import dev.adlens.aws.LocalStack;
import dev.adlens.bucket.ImageRef;
import dev.adlens.bucket.ObjectMeta;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.labels.AdLabels;
import dev.adlens.labels.ModelVersions;
import dev.adlens.labels.ScoredLabel;
import dev.adlens.labels.TaskAttention;
import dev.adlens.ocr.OcrResult;
import dev.adlens.ocr.OcrWord;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.labels.StageTimings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** The table against dynalite: the LabelStore contract (LabelStoreContract), and the table's own: conditional writes, the GSIs' order and paging, the 400 KB item limit. */
@IntegrationTest
class LabelTableTest extends LabelStoreContract {
    @Override
    LabelStore store() {
        return table;
    }

    static LocalStack aws;
    static DynamoDbClient dynamo;
    static LabelTable table;
    static final ModelVersions MODELS = new ModelVersions("head-1", "visual-1", "glove");

    @BeforeAll
    static void start() throws Exception {
        aws = LocalStack.start(Path.of("target", "local-aws", "table"));
        dynamo = AwsClients.dynamo(aws.settings());
        table = new LabelTable(dynamo, "labels-test");
        table.createIfMissing();
        table.createIfMissing(); // idempotent
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        aws.close();
    }

    static LabelOutcome labeled(String image, String topTopic, float score, List<OcrWord> words) {
        List<ScoredLabel> topics = List.of(new ScoredLabel(1, topTopic, topTopic, score, true),
                new ScoredLabel(2, "other", "other", score / 2, false));
        List<ScoredLabel> sentiments = List.of(new ScoredLabel(12, "creative", "Creative", 0.6f, true));
        TaskAttention att = new TaskAttention(0.3f, 0.3f, 0.4f, List.of(), List.of());
        return new LabelOutcome.Labeled(new AdLabels(image, topics, sentiments, List.of(), new OcrResult(words,
                List.of("luminance")), att, att, MODELS, new StageTimings(1, 2, 3, 4, 5, 15)));
    }

    static LabelRecord record(String key, String topic, float score, long modified, String eTag) {
        ImageRef ref = new ImageRef("b", key, null, eTag);
        return LabelRecords.of(ref, new ObjectMeta(100, "image/jpeg", eTag, null, modified),
                labeled(ref.uri(), topic, score, List.of()), MODELS, null, Instant.parse("2026-11-26T12:00:00Z"));
    }

    @Test
    void theVerdictIsStoredWithItsFlagsAndListedByVerdict() throws Exception {
        Safety review = new Safety(Action.REVIEW, "adlens-default", "1", List.of(new Safety.Flag("category:1002",
                "category", "Alcohol", Action.REVIEW, 0.8123, 0.5, "IAB category 1002 Alcohol selected with probability 0.81")),
                List.of("adult:porn"));
        LabelOutcome.Labeled base = (LabelOutcome.Labeled) labeled("s3://b/v/review.jpg", "alcohol", 0.9f, List.of());
        AdLabels l = base.labels();
        AdLabels withVerdict = new AdLabels(l.image(), l.topics(), l.sentiments(), l.objects(), l.ocr(),
                l.topicAttention(), l.sentimentAttention(), l.models(), l.timings(), l.taxonomies(), l.topicUnclear(),
                l.quality(), l.adult(), review);
        ImageRef ref = new ImageRef("b", "v/review.jpg", null, "e");
        table.put(LabelRecords.of(ref, new ObjectMeta(100, "image/jpeg", "e", null, 1000),
                new LabelOutcome.Labeled(withVerdict), MODELS, null, Instant.parse("2026-12-06T12:00:00Z")));
        table.put(record("v/plain.jpg", "alcohol", 0.9f, 1000, "e")); // labels no policy assessed: no verdict

        LabelRecord read = table.find("b", "v/review.jpg").orElseThrow();
        assertThat(read.top().orElseThrow().verdict()).isEqualTo("review");
        assertThat(read.top().orElseThrow().verdictScore()).isEqualTo(0.8123);
        JsonNode safety = new ObjectMapper().readTree(read.result()).get("safety");
        assertThat(safety.get("verdict").asText()).isEqualTo("review");
        assertThat(safety.get("flags").get(0).get("reason").asText()).contains("Alcohol");
        assertThat(safety.get("unmeasured").get(0).asText()).isEqualTo("adult:porn");
        assertThat(table.find("b", "v/plain.jpg").orElseThrow().top().orElseThrow().verdict()).isNull();

        Page listed = table.byVerdict("review", 10, null, null);
        assertThat(listed.items()).extracting(LabelRecord::key).contains("v/review.jpg").doesNotContain("v/plain.jpg");
        assertThat(LabelViews.summary(listed.items().get(0)).get("verdict").asText()).isEqualTo("review");
        assertThat(table.byVerdict("block", 10, null, null).items()).extracting(LabelRecord::key)
                .doesNotContain("v/review.jpg");
    }

    @Test
    void topicQueryIsOrderedByScoreAndPages() throws Exception {
        float[] scores = {0.31f, 0.92f, 0.55f, 0.77f, 0.12f};
        for (int i = 0; i < scores.length; i++) {
            table.put(record("page/" + i + ".jpg", "beauty", scores[i], 1000, "e"));
        }
        table.put(record("page/other.jpg", "cars", 0.99f, 1000, "e"));

        List<Double> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Page p = table.byTopic("beauty", 2, token);
            p.items().forEach(r -> seen.add(r.top().orElseThrow().topicScore()));
            assertThat(p.items()).allSatisfy(r -> assertThat(r.key()).startsWith("page/"));
            token = p.nextToken().orElse(null);
            pages++;
        } while (token != null && pages < 10);

        assertThat(seen).containsExactly(0.92, 0.77, 0.55, 0.31, 0.12);
        assertThat(pages).isBetween(3, 4);
        assertThat(table.bySentiment("creative", 100, null).items()).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void forgedOrForeignTokensAreRefused() throws Exception {
        table.put(record("tok/1.jpg", "travel", 0.5f, 1000, "e"));
        table.put(record("tok/2.jpg", "travel", 0.4f, 1000, "e"));
        String token = table.byTopic("travel", 1, null).nextToken().orElseThrow();

        assertThatThrownBy(() -> table.byTopic("travel", 1, "bm90LWEtdG9rZW4"))
                .isInstanceOfSatisfying(AdlensException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThatThrownBy(() -> table.byTopic("cars", 1, token))
                .isInstanceOfSatisfying(AdlensException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThatThrownBy(() -> table.byTopic("travel", 0, null)).isInstanceOf(AdlensException.class);
    }

    @Test
    void hugeOcrIsTruncatedUnderTheItemLimitAndDynamoDbAcceptsIt() throws Exception {
        List<OcrWord> words = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            words.add(new OcrWord("word" + i, 91.5f, i, i, 40, 12));
        }
        ImageRef ref = new ImageRef("b", "huge-ocr.jpg", null, "e");
        LabelRecord r = LabelRecords.of(ref, new ObjectMeta(100, "image/jpeg", "e", null, 1000),
                labeled(ref.uri(), "books", 0.7f, words), MODELS, null, Instant.now());

        assertThat(r.ocrTruncated()).isTrue();
        assertThat(LabelTable.itemBytes(r)).isLessThan(400 * 1024);
        assertThat(r.result()).contains("\"ocrTruncated\":true").contains("word0 word1");
        assertThat(table.put(r)).isEqualTo(WriteResult.WRITTEN);
        assertThat(table.find("b", "huge-ocr.jpg").orElseThrow().ocrTruncated()).isTrue();
    }

    /** Random letters: gzip cannot shrink them much below 6 bits a character (the stored result is compressed). */
    static String incompressible(int chars) {
        Random r = new Random(7);
        StringBuilder sb = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            sb.append((char) ('!' + r.nextInt(90)));
        }
        return sb.toString();
    }

    @Test
    void theResultIsStoredCompressedAndReadBackAsWritten() throws Exception {
        LabelRecord r = record("gz.jpg", "books", 0.5f, 1000, "e");
        assertThat(table.put(r)).isEqualTo(WriteResult.WRITTEN);
        assertThat(table.find("b", "gz.jpg").orElseThrow().result()).isEqualTo(r.result());
        assertThat(LabelTable.gzip(r.result()).length).isLessThan(r.result().length());
    }

    @Test
    void theLimitIsRealAnUntruncatedItemIsRejected() {
        ImageRef ref = new ImageRef("b", "too-big.jpg", null, "e");
        LabelRecord small = record("too-big.jpg", "books", 0.5f, 1000, "e");
        LabelRecord big = new LabelRecord(small.image(), "b", "too-big.jpg", null, "e", 1000, 100, "image/jpeg",
                RecordStatus.LABELED, null, null, small.modelVersion(), small.top(), incompressible(600 * 1024), false,
                null, "2026-11-26T12:00:00Z", null);
        assertThat(ref.uri()).isEqualTo(big.image());
        assertThatThrownBy(() -> table.put(big)).isInstanceOfSatisfying(AdlensException.class,
                e -> assertThat(e.getCause()).isInstanceOf(DynamoDbException.class));
    }
}
