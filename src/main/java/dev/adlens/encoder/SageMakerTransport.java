package dev.adlens.encoder;

import dev.adlens.kserve.SageMakerFraming;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * A SageMaker endpoint hosting Triton: the InvokeEndpoint REST call ({@code POST /endpoints/{name}/invocations},
 * SigV4, service "sagemaker") carrying the KServe binary body. SageMaker forbids Inference-Header-Content-Length,
 * so the JSON header size travels in the content type. Plain HTTP + the SDK's SigV4 signer: the
 * {@code sagemakerruntime} client module is not available from this project's registry.
 */
public final class SageMakerTransport implements InferenceTransport {
    private final HttpClient http;
    private final URI invocations;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param runtime the SageMaker runtime endpoint ({@code https://runtime.sagemaker.REGION.amazonaws.com}, or a
     *                local stand-in in tests)
     */
    public SageMakerTransport(URI runtime, String region, String endpointName, AwsCredentialsProvider credentials,
                              Duration connectTimeout) {
        this.invocations = URI.create(runtime.toString().replaceAll("/+$", "") + "/endpoints/"
                + URLEncoder.encode(endpointName, StandardCharsets.UTF_8) + "/invocations");
        this.region = region;
        this.credentials = credentials;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public static URI runtimeFor(String region) {
        return URI.create("https://runtime.sagemaker." + region + ".amazonaws.com");
    }

    static String contentType(int headerLength) {
        return SageMakerFraming.contentType(headerLength);
    }

    /** See {@link SageMakerFraming#headerLength}. */
    public static int headerLength(String contentType) {
        return SageMakerFraming.headerLength(contentType);
    }

    @Override
    public Response infer(byte[] body, int headerLength, Duration timeout) throws IOException {
        String type = contentType(headerLength);
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(invocations)
                .putHeader("Content-Type", type).putHeader("Accept", type).build();
        SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials()).request(unsigned)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sagemaker")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpRequest.Builder b = HttpRequest.newBuilder(invocations).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> h : signed.request().headers().entrySet()) {
            if (!h.getKey().equalsIgnoreCase("Host") && !h.getKey().equalsIgnoreCase("Content-Length")) {
                h.getValue().forEach(v -> b.header(h.getKey(), v));
            }
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), LimitedBody.handler());
            return new Response(r.statusCode(), r.body(), headerLength(r.headers().firstValue("Content-Type").orElse("")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** SageMaker pings the container itself; an unhealthy endpoint shows up as failed invocations. */
    @Override
    public boolean ready(Duration timeout) {
        return true;
    }

    @Override
    public String describe() {
        return "sagemaker:" + invocations;
    }
}
