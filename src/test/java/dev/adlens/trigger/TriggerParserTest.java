package dev.adlens.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.UnitTest;
import dev.adlens.lambda.Events;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

@UnitTest
class TriggerParserTest {
    @Test
    void s3KeysAreDecodedAndQuotedETagsStripped() {
        Trigger t = TriggerParser.parse(Events.s3Notification(
                Events.s3Record("b", "dir/a b+c%.jpg", "\"abc\"", "ObjectCreated:CompleteMultipartUpload"),
                Events.s3Record("b", "gone.jpg", null, "ObjectRemoved:Delete")));
        Trigger.Direct d = (Trigger.Direct) t;
        assertThat(d.source()).isEqualTo(Trigger.Source.S3_NOTIFICATION);
        assertThat(d.events()).hasSize(1);
        assertThat(d.events().get(0).ref().key()).isEqualTo("dir/a b+c%.jpg");
        assertThat(d.events().get(0).ref().eTag()).isEqualTo("abc");
        assertThat(d.ignored()).isEqualTo(1);
    }

    @Test
    void rawEncodingAsAwsSendsIt() throws Exception {
        String json = "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"eventTime\":\"t\","
                + "\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"summer+sale%2B50%25.png\",\"versionId\":\"v1\"}}}]}";
        Trigger.Direct d = (Trigger.Direct) TriggerParser.parse(new ObjectMapper().readTree(json));
        assertThat(d.events().get(0).ref().key()).isEqualTo("summer sale+50%.png");
        assertThat(d.events().get(0).ref().versionId()).isEqualTo("v1");
    }

    @Test
    void sqsMessagesKeepTheirIdsAndUnreadableBodiesAreFlagged() {
        Trigger.Queue q = (Trigger.Queue) TriggerParser.parse(Events.sqs(List.of("a", "b", "c"),
                List.of(Events.created("b", "x.jpg").toString(), "garbage{", Events.eventBridge("b", "y z.jpg", null)
                        .toString())));
        assertThat(q.messages()).extracting(Trigger.Message::messageId).containsExactly("a", "b", "c");
        assertThat(q.messages().get(0).events()).hasSize(1);
        assertThat(q.messages().get(1).invalid()).isNotNull();
        assertThat(q.messages().get(2).events().get(0).ref().key()).isEqualTo("y z.jpg");
    }

    @Test
    void batchOperationsV1ArnsAndV2Buckets() throws Exception {
        Trigger.BatchJob v2 = (Trigger.BatchJob) TriggerParser.parse(Events.batchJob("b", Arrays.asList(
                "k 1.jpg", null)));
        assertThat(v2.tasks().get(0).event().ref().key()).isEqualTo("k 1.jpg");
        assertThat(v2.tasks().get(1).invalid()).isNotNull();
        String v1 = "{\"invocationSchemaVersion\":\"1.0\",\"invocationId\":\"i\",\"job\":{\"id\":\"j\"},\"tasks\":"
                + "[{\"taskId\":\"t\",\"s3Key\":\"a%20b.jpg\",\"s3VersionId\":\"v\",\"s3BucketArn\":\"arn:aws:s3:::bkt\"}]}";
        Trigger.BatchJob b1 = (Trigger.BatchJob) TriggerParser.parse(new ObjectMapper().readTree(v1));
        assertThat(b1.tasks().get(0).event().ref()).satisfies(r -> {
            assertThat(r.bucket()).isEqualTo("bkt");
            assertThat(r.key()).isEqualTo("a b.jpg");
            assertThat(r.versionId()).isEqualTo("v");
        });
    }

    @Test
    void unknownShapesAreRefused() throws Exception {
        assertThatThrownBy(() -> TriggerParser.parse(new ObjectMapper().readTree("{\"hello\":1}")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
