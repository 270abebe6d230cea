package dev.adlens.encoder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * KServe v2 over HTTP, as Triton serves it: POST {@code /v2/models/{model}/infer} with the binary tensor extension
 * ({@code Inference-Header-Content-Length}); readiness from {@code /v2/health/ready} and the model's ready endpoint.
 */
public final class KServeHttpTransport implements InferenceTransport {
    private final URI base;
    private final String model;
    private final HttpClient http;

    public KServeHttpTransport(URI base, String model, Duration connectTimeout) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.model = model;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public Response infer(byte[] body, int headerLength, Duration timeout) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("v2/models/" + model + "/infer")).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headerLength > 0) {
            b.header("Content-Type", "application/octet-stream")
                    .header("Inference-Header-Content-Length", Integer.toString(headerLength));
        } else {
            b.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), LimitedBody.handler());
            String h = r.headers().firstValue("Inference-Header-Content-Length").orElse("0");
            int length;
            try {
                length = Integer.parseInt(h.strip());
            } catch (NumberFormatException e) {
                length = -1; // parse() refuses it: a garbage response
            }
            return new Response(r.statusCode(), r.body(), length);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public boolean ready(Duration timeout) {
        try {
            for (String path : new String[]{"v2/health/ready", "v2/models/" + model + "/ready"}) {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() != 200) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** GET {@code /v2/models/{model}}: the metadata the client checks against the local contract. */
    public byte[] metadata(Duration timeout) throws IOException {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(base.resolve("v2/models/" + model)).timeout(timeout)
                    .GET().build(), LimitedBody.handler());
            if (r.statusCode() != 200) {
                throw new IOException("model metadata: HTTP " + r.statusCode());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public String describe() {
        return base + "v2/models/" + model;
    }
}
