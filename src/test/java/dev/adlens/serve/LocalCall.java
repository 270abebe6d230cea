package dev.adlens.serve;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A plain HTTP call to a server on this machine, as a client of the local API makes it (tests only). */
public final class LocalCall {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private LocalCall() {
    }

    /** {@code type} and {@code caller} (the local caller header) are left out when null; so is a null body. */
    public static HttpResponse<String> send(int port, String method, String pathAndQuery, String type, byte[] body,
                                            String caller) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        if (caller != null) {
            b.header("X-Adlens-Caller", caller);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
