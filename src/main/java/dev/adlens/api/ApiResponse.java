package dev.adlens.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Status, headers and a JSON body (the API returns only JSON and problem+json). */
public record ApiResponse(int status, Map<String, String> headers, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static ApiResponse json(int status, JsonNode body) {
        return of(status, "application/json", body);
    }

    static ApiResponse of(int status, String type, JsonNode body) {
        try {
            return new ApiResponse(status, Map.of("content-type", type), JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
