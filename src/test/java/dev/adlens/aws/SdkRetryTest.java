package dev.adlens.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adlens.UnitTest;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The SDK clients retry what docs/s3-function.md promises (3 attempts, jittered backoff) for a peer that refuses
 * connections —
 * S3Proxy or dynalite down (the dev poller saw one attempt per poll).
 */
@UnitTest
class SdkRetryTest {
    @Test
    void aRefusedConnectionIsTriedThreeTimes() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        AwsSettings settings = AwsSettings.local("http://127.0.0.1:" + port, "http://127.0.0.1:" + port);
        try (var s3 = AwsClients.s3(settings); var dynamo = AwsClients.dynamo(settings)) {
            assertThatThrownBy(() -> s3.listBuckets()).isInstanceOfSatisfying(SdkClientException.class,
                    e -> assertThat(e.numAttempts()).as(e.getMessage()).isEqualTo(3));
            assertThatThrownBy(() -> dynamo.listTables()).isInstanceOfSatisfying(SdkClientException.class,
                    e -> assertThat(e.numAttempts()).as(e.getMessage()).isEqualTo(3));
        }
    }
}
