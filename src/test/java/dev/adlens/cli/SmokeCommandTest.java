package dev.adlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.IntegrationTest;
import dev.adlens.TestModels;
import dev.adlens.aws.AwsClients;
import dev.adlens.aws.AwsSettings;
import dev.adlens.aws.LocalStack;
import dev.adlens.smoke.Smoke;
import dev.adlens.store.LabelTable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * `adlens smoke` against the local stand-ins of a deployed stack: `adlens dev` (S3Proxy, dynalite and the labeling
 * function in process) for the bucket flow and `adlens serve` for the API. serve does not check signatures (it names
 * its caller by X-Adlens-Caller), so what it cannot show, that the request is SigV4-signed for execute-api, is checked
 * on the request itself.
 */
@IntegrationTest
class SmokeCommandTest {
    static final Path SAMPLE = Path.of("samples", "travel-skyline-safari.jpg");

    @Test
    void theApiRequestIsSignedForExecuteApiWithTheDeployersCredentials() throws Exception {
        var request = Smoke.signed(URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/v1/labels"),
                Files.readAllBytes(SAMPLE), "eu-west-1",
                AwsSessionCredentials.create("AKIDEXAMPLE", "secret", "token"));
        String authorization = request.headers().firstValue("Authorization").orElseThrow();
        assertThat(authorization).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/eu-west-1/execute-api/aws4_request", "SignedHeaders=", "host", "Signature=");
        assertThat(request.headers().firstValue("X-Amz-Date")).isPresent();
        assertThat(request.headers().firstValue("X-Amz-Security-Token")).hasValue("token");
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    }

    @Test
    void theRegionComesFromTheApisUrlUnlessGiven() {
        assertThat(SmokeCommand.regionOf(URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com")))
                .hasValue("eu-west-1");
        assertThat(SmokeCommand.regionOf(URI.create("https://a1.execute-api.cn-north-1.amazonaws.com.cn/")))
                .hasValue("cn-north-1");
        assertThat(SmokeCommand.regionOf(URI.create("http://127.0.0.1:8080"))).isEmpty();
        assertThat(SmokeCommand.regionOf(URI.create("https://api.example.com"))).isEmpty();
    }

    @Test
    void passesAgainstDevAndServeAndNamesTheStepThatFails() throws Exception {
        Path state = Path.of("target", "local-aws", "smoke").toAbsolutePath();
        Files.createDirectories(state);
        Files.deleteIfExists(state.resolve(DevCommand.READY));
        AtomicInteger devExit = new AtomicInteger(-1);
        Thread dev = new Thread(() -> devExit.set(AdlensCommand.commandLine()
                .execute("dev", "--state", state.toString(), "--interval", "200")), "adlens-dev");
        dev.start();
        // the default chain reads these first: the local stand-ins' static keys, as a deployer's profile would be
        String oldKey = System.setProperty("aws.accessKeyId", "adlens-local");
        String oldSecret = System.setProperty("aws.secretAccessKey", "adlens-local-secret");
        try {
            long until = System.nanoTime() + 180_000_000_000L;
            while (!Files.exists(state.resolve(DevCommand.READY)) && System.nanoTime() < until) {
                Thread.sleep(200);
            }
            assertThat(state.resolve(DevCommand.READY)).exists();
            AwsSettings local = LocalStack.attach(state);
            String[] serveArgs = {"serve", "--port", "0", "--models", TestModels.dir().toString(), "--tessdata",
                    TestModels.tessdata().toString(), "--workers", "1", "--state", state.toString()};
            var parsed = AdlensCommand.commandLine(serveArgs).parseArgs(serveArgs);
            try (ServeCommand.Running serve = ((ServeCommand) parsed.subcommand().commandSpec().userObject()).start()) {
                String api = "http://127.0.0.1:" + serve.port();
                String s3 = local.s3Endpoint().orElseThrow().toString();
                String dynamo = local.dynamodbEndpoint().orElseThrow().toString();

                StringBuilder out = new StringBuilder();
                int exit = DevFlowTest.run(out, "smoke", "--api", api, "--bucket", "ads", "--endpoint-s3", s3,
                        "--endpoint-dynamodb", dynamo, "--sample", SAMPLE.toString(), "--timeout", "120");
                List<String> steps = steps(out);
                assertThat(exit).as(out.toString()).isZero();
                assertThat(steps).as(out.toString()).hasSize(4);
                assertThat(steps.get(0)).startsWith("ok      api: POST " + api + "/v1/labels LABELED, top topic travel");
                assertThat(steps.get(1)).startsWith("ok      upload: s3://ads/" + Smoke.KEY_PREFIX);
                assertThat(steps.get(2)).startsWith("ok      table: table adlens-labels holds s3://ads/")
                        .contains("LABELED");
                assertThat(steps.get(3)).startsWith("ok      cleanup: deleted s3://ads/");
                // nothing left behind: no object under the prefix, no item for the key
                String key = steps.get(1).substring(steps.get(1).indexOf("s3://ads/") + "s3://ads/".length());
                try (S3Client s3Client = AwsClients.s3(local); DynamoDbClient dynamoClient = AwsClients.dynamo(local)) {
                    assertThat(s3Client.listObjectsV2(b -> b.bucket("ads").prefix(Smoke.KEY_PREFIX)).contents())
                            .isEmpty();
                    assertThat(new LabelTable(dynamoClient, "adlens-labels").find("ads", key)).isEmpty();
                }

                // a bucket that is not the stack's: the upload step fails and says so; the API step still passes
                StringBuilder wrong = new StringBuilder();
                int wrongExit = DevFlowTest.run(wrong, "smoke", "--api", api, "--bucket", "not-the-stacks-bucket",
                        "--endpoint-s3", s3, "--endpoint-dynamodb", dynamo, "--sample", SAMPLE.toString(),
                        "--timeout", "5");
                assertThat(wrongExit).isEqualTo(1);
                assertThat(steps(wrong)).hasSize(2);
                assertThat(steps(wrong).get(0)).startsWith("ok      api:");
                assertThat(steps(wrong).get(1)).startsWith("FAILED  upload: s3://not-the-stacks-bucket/")
                        .contains("NoSuchBucket");

                // no API there: the api step fails with the reason, on one line
                StringBuilder noApi = new StringBuilder();
                assertThat(DevFlowTest.run(noApi, "smoke", "--api", "http://127.0.0.1:1", "--bucket", "ads",
                        "--endpoint-s3", s3, "--endpoint-dynamodb", dynamo, "--sample", SAMPLE.toString(),
                        "--timeout", "120")).isEqualTo(1);
                assertThat(steps(noApi).get(0)).startsWith("FAILED  api: POST http://127.0.0.1:1/v1/labels: ")
                        .contains("ConnectException");
                assertThat(steps(noApi)).filteredOn(l -> l.startsWith("ok      ")).hasSize(3);
            }
        } finally {
            restore("aws.accessKeyId", oldKey);
            restore("aws.secretAccessKey", oldSecret);
            dev.interrupt();
            dev.join(60_000);
        }
        assertThat(dev.isAlive()).isFalse();
    }

    /** smoke's own step lines, without the dev thread's lines on the shared stdout. */
    private static List<String> steps(StringBuilder out) {
        return Arrays.stream(out.toString().split("\n"))
                .filter(l -> l.startsWith("ok      ") || l.startsWith("FAILED  ")).toList();
    }

    private static void restore(String name, String old) {
        if (old == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, old);
        }
    }
}
