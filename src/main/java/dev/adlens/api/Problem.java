package dev.adlens.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adlens.error.ErrorCode;
import java.util.Locale;

/**
 * An RFC 9457 problem: {@code type} (a stable URI per code), {@code title}, {@code status}, {@code detail}, plus our
 * stable {@code code} and the request's {@code instance} path.
 */
public final class Problem extends RuntimeException {
    public static final String TYPE_BASE = "https://adlens.dev/problems/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final int status;
    private final String code;

    public Problem(int status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    public static Problem of(ErrorCode code, String detail) {
        return new Problem(code.httpStatus(), code.name(), detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public ApiResponse response(String instance) {
        ObjectNode body = JSON.createObjectNode()
                .put("type", TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-'))
                .put("title", title(status)).put("status", status).put("detail", getMessage()).put("code", code)
                .put("instance", instance);
        return ApiResponse.of(status, "application/problem+json", body);
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
