package dev.adlens.api;

import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as the API sees it: header names lower-case, the body already base64-decoded, {@code caller} the
 * authenticated identity (API Gateway's IAM principal; {@link #ANONYMOUS} where the route has no authorizer).
 */
public record ApiRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
                         byte[] body, String caller) {
    public static final String ANONYMOUS = "anonymous";
    /**
     * Who the caller is on the local server ({@code adlens serve}), which has no authoriser: a name the developer
     * chooses, so that per-caller uploads can be tried locally. Only that server reads it; the deployed API refuses a
     * request that carries it (400), so a client cannot come to rely on claiming an identity.
     */
    public static final String LOCAL_CALLER_HEADER = "x-adlens-caller";

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The media type without parameters, lower-case ("" when absent). */
    public String mediaType() {
        String t = header("content-type");
        return t == null ? "" : t.split(";")[0].strip().toLowerCase(Locale.ROOT);
    }
}
