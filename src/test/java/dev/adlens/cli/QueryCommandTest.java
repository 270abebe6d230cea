package dev.adlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.IntegrationTest;
import dev.adlens.aws.AwsClients;
import dev.adlens.aws.LocalStack;
import dev.adlens.labels.PittTaxonomy;
import dev.adlens.store.LabelTable;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** `adlens query` says why it lists nothing when the reason is known: a misspelt key, a taxonomy dev does not use. */
@IntegrationTest
class QueryCommandTest {
    @Test
    void aMisspeltTopicOrSentimentIsAnErrorNamingTheKeys(@TempDir Path dir) {
        StringBuilder err = new StringBuilder();
        // refused before any storage is looked for: no dev runs at this --state
        assertThat(DevStateTest.run(err, "query", "--topic", "electronic", "--state", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no topic 'electronic' (did you mean electronics?)", "the topics: ",
                "cars", "travel").doesNotContain("no local stack");
        StringBuilder sentiment = new StringBuilder();
        assertThat(DevStateTest.run(sentiment, "query", "--sentiment", "creativ", "--state", dir.toString()))
                .isEqualTo(2);
        assertThat(sentiment.toString()).contains("no sentiment 'creativ' (did you mean creative?)");
        assertThat(QueryCommand.unknown("topic", "cars", PittTaxonomy.official().topics())).isNull();
    }

    @Test
    void verdictListsTheItemsOfThatVerdictMostFlaggedFirst() throws Exception {
        Path state = Path.of("target", "local-aws", "query-verdict").toAbsolutePath();
        try (LocalStack stack = LocalStack.start(state);
             DynamoDbClient dynamo = AwsClients.dynamo(stack.settings())) {
            LabelTable table = new LabelTable(dynamo, "adlens-labels");
            table.createIfMissing();
            DevState.markReady(state, "ads", "adlens-labels", List.of());
            String run = java.util.UUID.randomUUID().toString().substring(0, 8);
            table.put(item(run + "/mild.jpg", "review", 0.55));
            table.put(item(run + "/strong.jpg", "review", 0.93));
            table.put(item(run + "/clean.jpg", "allow", 0));

            java.io.PrintStream original = System.out;
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int exit;
            System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
            try {
                exit = DevStateTest.run(new StringBuilder(), "query", "--verdict", "review", "--state", state.toString());
            } finally {
                System.setOut(original);
            }
            assertThat(exit).isZero();
            String listed = out.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(listed).contains(run + "/strong.jpg", run + "/mild.jpg").doesNotContain(run + "/clean.jpg")
                    .contains("\"verdict\":\"review\"");
            assertThat(listed.indexOf(run + "/strong.jpg")).isLessThan(listed.indexOf(run + "/mild.jpg"));

            StringBuilder err = new StringBuilder();
            assertThat(DevStateTest.run(err, "query", "--verdict", "reviewed", "--state", state.toString()))
                    .isEqualTo(2);
            assertThat(err.toString()).contains("no verdict 'reviewed'; the verdicts: allow, review, block");
        } finally {
            DevState.clear(state);
        }
    }

    static dev.adlens.store.LabelRecord item(String key, String verdict, double score) {
        return new dev.adlens.store.LabelRecord("s3://ads/" + key, "ads", key, null, "e", 1000, 10, "image/jpeg",
                dev.adlens.store.RecordStatus.LABELED, null, null, "m", java.util.Optional.of(
                new dev.adlens.store.LabelRecord.TopLabels("cars", 0.5, "creative", 0.5, null, 0, verdict, score)),
                "{}", false, null, "2026-12-06T12:00:00Z", null);
    }

    @Test
    void anEmptyCategoryListFromADevThatLabelsInNoTaxonomySaysWhy() throws Exception {
        Path state = Path.of("target", "local-aws", "query-hint").toAbsolutePath();
        try (LocalStack stack = LocalStack.start(state);
             DynamoDbClient dynamo = AwsClients.dynamo(stack.settings())) {
            new LabelTable(dynamo, "adlens-labels").createIfMissing();
            DevState.markReady(state, "ads", "adlens-labels", List.of()); // what `adlens dev` with no --taxonomy writes

            StringBuilder err = new StringBuilder();
            assertThat(DevStateTest.run(err, "query", "--category", "1097", "--state", state.toString())).isZero();
            assertThat(err.toString()).contains("`adlens dev` labels in no taxonomy",
                    "./adlens dev --taxonomy iab-ad-product-2.0");

            DevState.markReady(state, "ads", "adlens-labels", List.of("pitt-topics", "iab-ad-product-2.0"));
            StringBuilder other = new StringBuilder();
            assertThat(DevStateTest.run(other, "query", "--category", "1097", "--state", state.toString())).isZero();
            assertThat(other.toString()).contains("first taxonomy `adlens dev` labels in, pitt-topics");

            DevState.markReady(state, "ads", "adlens-labels", List.of("iab-ad-product-2.0"));
            StringBuilder none = new StringBuilder();
            assertThat(DevStateTest.run(none, "query", "--category", "1097", "--state", state.toString())).isZero();
            assertThat(none.toString()).isEmpty(); // dev labels in it: an empty list is simply empty
        } finally {
            DevState.clear(state);
        }
    }
}
