package dev.adlens.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adlens.api.ApiRequest;
import dev.adlens.api.ApiResponse;
import dev.adlens.api.LabelsApi;
import dev.adlens.api.Problem;
import dev.adlens.error.ErrorCode;
import dev.adlens.time.Deadline;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The HTTP API function ({@code QUARKUS_LAMBDA_HANDLER=api}): API Gateway HTTP API payload format 2.0 in and out,
 * read with Jackson's tree model (like the s3 handler) and delegated to {@link LabelsApi}.
 */
@Named("api")
public class ApiHandler implements RequestHandler<JsonNode, JsonNode> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Supplier<LabelsApi> api;

    public ApiHandler(LabelsApi api) {
        this.api = () -> api;
    }

    /**
     * The function's: the API and the pipeline under it are built in the first invocation (then kept, as singletons),
     * so that a failure to build them, Errors included, is that invocation's error ({@link FunctionFailure}).
     */
    @Inject
    ApiHandler(Instance<LabelsApi> api) {
        this.api = api::get;
    }

    @Override
    public JsonNode handleRequest(JsonNode event, Context context) {
        return FunctionFailure.guard(() -> handle(api.get(), event, context));
    }

    private static JsonNode handle(LabelsApi api, JsonNode event, Context context) {
        ApiRequest request;
        try {
            request = request(event);
        } catch (IllegalArgumentException e) {
            return response(Problem.of(ErrorCode.BAD_REQUEST, e.getMessage()).response(event.path("rawPath").asText("")));
        }
        return response(api.handle(request, Deadline.in(S3Handler.remainingMillis(context))));
    }

    static ApiRequest request(JsonNode e) {
        if (!"2.0".equals(e.path("version").asText())) {
            throw new IllegalArgumentException("expected an API Gateway HTTP API payload version 2.0 event");
        }
        String method = e.path("requestContext").path("http").path("method").asText("");
        Map<String, String> headers = new HashMap<>();
        e.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT),
                h.getValue().asText()));
        if (headers.containsKey(ApiRequest.LOCAL_CALLER_HEADER)) {
            // the local server's self-declared identity: here the authoriser says who the caller is, and a client
            // that sends it believes otherwise; refused rather than ignored, so that the mistake shows at once
            throw new IllegalArgumentException("X-Adlens-Caller is read only by the local server (adlens serve); this"
                    + " API identifies its callers by their signature (IAM, JWT or a Lambda authoriser)");
        }
        Map<String, String> query = new HashMap<>();
        e.path("queryStringParameters").fields().forEachRemaining(q -> query.put(q.getKey(), q.getValue().asText()));
        String body = e.path("body").asText("");
        byte[] bytes;
        try {
            bytes = e.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body)
                    : body.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("body is marked base64 but is not");
        }
        return new ApiRequest(method, e.path("rawPath").asText("/"), query, headers, bytes, caller(e));
    }

    /**
     * The authenticated caller, from whichever authoriser the deployment uses (docs/http-api-deployed.md, "Who the
     * caller is"):
     * IAM — the signer's principal in requestContext.authorizer.iam (userArn, else callerId), as before;
     * JWT — {@code jwt:<iss>#<sub>} from authorizer.jwt.claims (issuer-qualified: two issuers' "sub" never meet);
     * a Lambda authoriser — {@code lambda:<value>} of the {@code caller} (else {@code principalId}) it returned in
     * authorizer.lambda. Anything else — no authoriser context, a JWT without iss or sub — is anonymous, which the
     * API refuses while it scopes data per caller. The local server's {@link ApiRequest#LOCAL_CALLER_HEADER} is never
     * an identity here ({@link #request} refuses it).
     */
    static String caller(JsonNode e) {
        JsonNode auth = e.path("requestContext").path("authorizer");
        JsonNode iam = auth.path("iam");
        for (String field : new String[]{"userArn", "callerId"}) {
            String v = iam.path(field).asText("");
            if (!v.isBlank()) {
                return v;
            }
        }
        JsonNode claims = auth.path("jwt").path("claims");
        String iss = claims.path("iss").isTextual() ? claims.path("iss").asText() : "";
        String sub = claims.path("sub").isTextual() ? claims.path("sub").asText() : "";
        if (!iss.isBlank() && !sub.isBlank()) {
            return "jwt:" + iss + "#" + sub;
        }
        JsonNode lambda = auth.path("lambda");
        for (String field : new String[]{"caller", "principalId"}) {
            if (lambda.path(field).isTextual() && !lambda.path(field).asText().isBlank()) {
                return "lambda:" + lambda.path(field).asText();
            }
        }
        return ApiRequest.ANONYMOUS;
    }

    static JsonNode response(ApiResponse r) {
        ObjectNode out = JSON.createObjectNode().put("statusCode", r.status()).put("isBase64Encoded", false);
        ObjectNode headers = out.putObject("headers");
        r.headers().forEach(headers::put);
        return out.put("body", r.body());
    }
}
