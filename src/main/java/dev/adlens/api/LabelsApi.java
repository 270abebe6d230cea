package dev.adlens.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adlens.bucket.ImageBucket;
import dev.adlens.bucket.ImageRef;
import dev.adlens.bucket.ObjectMeta;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.ingest.IngestResult;
import dev.adlens.ingest.ObjectIngest;
import dev.adlens.labels.LabelClass;
import dev.adlens.labels.LabelJson;
import dev.adlens.labels.PittTaxonomy;
import dev.adlens.pipeline.AdLabeler;
import dev.adlens.pipeline.Labeler;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.safety.Action;
import dev.adlens.store.LabelRecord;
import dev.adlens.store.LabelStore;
import dev.adlens.store.LabelViews;
import dev.adlens.store.Page;
import dev.adlens.time.Deadline;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of the HTTP API ({@link #ROUTES}: one table that routing walks and the tests hold against openapi.yaml and
 * template.yaml). Every failure becomes an RFC 9457 problem with a stable code; nothing but the allowed buckets is ever
 * fetched; {@code store=true} records through {@link ObjectIngest}, the one write path to the label table.
 */
public final class LabelsApi {
    /** What answers a route: the API, the request, the path matched against the route's pattern, the deadline. */
    @FunctionalInterface
    interface Handler {
        ApiResponse answer(LabelsApi api, ApiRequest r, Matcher path, Deadline deadline)
                throws AdlensException, IOException;
    }

    /**
     * A route: its method, its path as OpenAPI spells it ({@code {key+}} is API Gateway's greedy path variable), the
     * pattern read off that path (one group per variable) and what answers it.
     */
    public record Route(String method, String path, Pattern pattern, Handler handler) {
        static Route of(String method, String path, Handler handler) {
            StringBuilder regex = new StringBuilder();
            Matcher v = Pattern.compile("\\{([a-z]+)(\\+?)}").matcher(path);
            int at = 0;
            while (v.find()) {
                String variable = v.group(2).isEmpty() ? "([^/]+)" : "(.+)"; // {key+} spans segments
                regex.append(Pattern.quote(path.substring(at, v.start()))).append(variable);
                at = v.end();
            }
            regex.append(Pattern.quote(path.substring(at)));
            return new Route(method, path, Pattern.compile(regex.toString()), handler);
        }
    }

    public static final List<Route> ROUTES = List.of(
            Route.of("POST", "/v1/labels", LabelsApi::postLabels),
            Route.of("GET", "/v1/labels/{bucket}/{key+}", (api, r, m, d) ->
                    api.stored(decode(m.group(1)), checkedKey(decode(m.group(2))), r.caller())),
            Route.of("GET", "/v1/topics/{topic}/images", (api, r, m, d) ->
                    api.list("topics", decode(m.group(1)), r.query(), r.caller())),
            Route.of("GET", "/v1/sentiments/{sentiment}/images", (api, r, m, d) ->
                    api.list("sentiments", decode(m.group(1)), r.query(), r.caller())),
            Route.of("GET", "/v1/verdicts/{verdict}/images", (api, r, m, d) ->
                    api.list("verdicts", decode(m.group(1)), r.query(), r.caller())),
            Route.of("GET", "/v1/taxonomy", (api, r, m, d) -> ApiResponse.json(200, api.taxonomyJson())),
            Route.of("GET", "/v1/health", (api, r, m, d) -> api.health()));
    /** Routes any request may call, identified or not. */
    private static final Set<String> OPEN_PATHS = Set.of("/v1/health", "/v1/taxonomy");
    /** Uploaded bodies stored with ?store=true are keyed by content; no S3 bucket name can contain '_'. */
    public static final String UPLOAD_BUCKET = "_upload";
    private static final Pattern S3_URI = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(.+)");
    /** Trailing bytes after the JSON value are a malformed request, not something to ignore. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Logger LOG = LoggerFactory.getLogger(LabelsApi.class);

    private final Labeler labeler;
    private final ImageBucket bucket;
    private final ObjectIngest ingest;
    private final LabelStore table;
    private final PittTaxonomy taxonomy;
    private final ApiSettings settings;
    private final Clock clock;
    private final String encoder;

    public LabelsApi(Labeler labeler, ImageBucket bucket, ObjectIngest ingest, LabelStore table, PittTaxonomy taxonomy,
                     ApiSettings settings, Clock clock, String encoder) {
        this.labeler = labeler;
        this.bucket = bucket;
        this.ingest = ingest;
        this.table = table;
        this.taxonomy = taxonomy;
        this.settings = settings;
        this.clock = clock;
        this.encoder = encoder;
    }

    /** {@link #handle(ApiRequest, Deadline)} with no deadline. */
    public ApiResponse handle(ApiRequest r) {
        return handle(r, Deadline.NONE);
    }

    /** One request, answered by {@code deadline} (what is left of the function's invocation). */
    public ApiResponse handle(ApiRequest r, Deadline deadline) {
        try {
            return route(r, deadline);
        } catch (Problem p) {
            return p.response(r.path());
        } catch (AdlensException e) {
            if (e.code().retryable()) { // a storage or encoder outage: the detail (SDK messages) stays in the log
                LOG.atWarn().setCause(e).addKeyValue("path", r.path()).log("request failed: {}", e.getMessage());
                return Problem.of(e.code(), "temporarily unavailable; retry with backoff").response(r.path());
            }
            return Problem.of(e.code(), e.getMessage()).response(r.path());
        } catch (RuntimeException | IOException e) {
            // a defect of ours: the detail goes to the log, never to the client
            LOG.atError().setCause(e).addKeyValue("path", r.path()).log("request failed");
            return Problem.of(ErrorCode.INTERNAL_ERROR, "internal error; it has been logged").response(r.path());
        }
    }

    /** The first route whose path and method match answers; a path some route has, but not with this method, is 405. */
    private ApiResponse route(ApiRequest r, Deadline deadline) throws AdlensException, IOException {
        String path = r.path();
        if (settings.scopeUploads() && ApiRequest.ANONYMOUS.equals(r.caller()) && !OPEN_PATHS.contains(path)) {
            // data is scoped per caller: a request no authoriser vouched for belongs to no one and reads nothing
            throw Problem.of(ErrorCode.UNAUTHENTICATED, "the caller is not identified (no IAM, JWT or Lambda "
                    + "authoriser context); this API keeps each caller's uploads apart");
        }
        List<String> allowed = new ArrayList<>();
        for (Route route : ROUTES) {
            Matcher m = route.pattern().matcher(path);
            if (m.matches()) {
                if (route.method().equals(r.method())) {
                    return route.handler().answer(this, r, m, deadline);
                }
                allowed.add(route.method());
            }
        }
        if (!allowed.isEmpty()) {
            throw Problem.of(ErrorCode.METHOD_NOT_ALLOWED, path + " accepts " + String.join(", ", allowed) + ", not "
                    + r.method());
        }
        throw Problem.of(ErrorCode.NOT_FOUND, "no route " + r.method() + " " + path);
    }

    private ApiResponse postLabels(ApiRequest r, Matcher path, Deadline deadline) throws AdlensException, IOException {
        Set<String> wanted = wantedTaxonomies(r);
        ApiResponse labeled = label(r, r.caller(), deadline);
        return wanted == null ? labeled : ApiResponse.json(labeled.status(),
                LabelJson.keepTaxonomies((ObjectNode) JSON.readTree(labeled.body()), wanted));
    }

    private ApiResponse health() {
        ObjectNode h = JSON.createObjectNode().put("status", "ok");
        h.putObject("model").put("head", labeler.versions().head()).put("visual", labeler.versions().visual())
                .put("words", labeler.versions().words());
        return ApiResponse.json(200, h.put("encoder", encoder));
    }

    /** Longest {@code taxonomy} query value read. */
    static final int MAX_TAXONOMY_PARAM = 512;

    /**
     * The {@code taxonomy} query parameter (comma separated): which of the taxonomies this deployment labels in
     * (ADLENS_TAXONOMIES) the answer carries; absent: all of them. One it does not label in is the caller's mistake.
     */
    private Set<String> wantedTaxonomies(ApiRequest r) {
        String q = r.query().get("taxonomy");
        if (q == null) {
            return null;
        }
        if (q.length() > MAX_TAXONOMY_PARAM) {
            throw Problem.of(ErrorCode.BAD_REQUEST, "taxonomy parameter longer than " + MAX_TAXONOMY_PARAM);
        }
        Set<String> configured = new LinkedHashSet<>();
        for (String t : labeler.versions().taxonomies().split(",")) {
            if (!t.isBlank()) {
                configured.add(t.substring(0, t.lastIndexOf('@')));
            }
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String t : q.split(",")) {
            String id = t.strip();
            if (id.isEmpty()) {
                continue;
            }
            if (!configured.contains(id)) {
                throw Problem.of(ErrorCode.TAXONOMY_INVALID, "this deployment does not label in taxonomy '" + id
                        + "'; it labels in " + configured + " (ADLENS_TAXONOMIES)");
            }
            wanted.add(id);
        }
        return wanted;
    }

    private ApiResponse label(ApiRequest r, String caller, Deadline deadline) throws AdlensException {
        boolean store = "true".equals(r.query().get("store"));
        if (r.body().length > settings.maxBodyBytes()) {
            throw Problem.of(ErrorCode.IMAGE_TOO_LARGE, "request body of " + r.body().length + " bytes exceeds "
                    + settings.maxBodyBytes() + "; put larger images in an allowed bucket and send {\"s3Uri\": …}");
        }
        String type = r.mediaType();
        if (type.equals("application/json")) {
            JsonNode body = parseJson(r.body());
            if (body.has("text")) {
                return labelText(body, store, deadline);
            }
            return labelObject(parseS3Uri(body), store, deadline);
        }
        if (!type.startsWith("image/") && !type.equals("application/octet-stream")) {
            throw Problem.of(ErrorCode.UNSUPPORTED_FORMAT, "send an image (image/jpeg, image/png, image/webp,"
                    + " …) or application/json {\"s3Uri\": …}, not '" + type + "'");
        }
        if (r.body().length == 0) {
            throw Problem.of(ErrorCode.BAD_REQUEST, "empty body");
        }
        LabelOutcome outcome = labeler.label("upload", r.body(), deadline);
        failIfFailed(outcome);
        if (!store) {
            return ApiResponse.json(200, LabelJson.toJson(outcome));
        }
        String sha = sha256(r.body());
        // scoped: each caller's uploads under their own prefix, so one caller's copy never hides another's
        String key = settings.scopeUploads() ? sha256(caller.getBytes(StandardCharsets.UTF_8)).substring(0, 16)
                + "/sha256/" + sha : "sha256/" + sha;
        ImageRef ref = new ImageRef(UPLOAD_BUCKET, key, null, sha);
        // same content, same model: a repeat is a DUPLICATE, which is fine; the answer is what the table holds
        IngestResult result = ingest.record(ref, new ObjectMeta(r.body().length, type, sha, null, 0), outcome, caller);
        LabelRecord stored = table.find(ref.bucket(), ref.key()).orElseGet(() -> result.record().orElseThrow());
        return ApiResponse.json(200, LabelViews.full(stored));
    }

    private ApiResponse labelObject(ImageRef ref, boolean store, Deadline deadline) throws AdlensException {
        if (!settings.allowedBuckets().contains(ref.bucket())) {
            throw Problem.of(ErrorCode.BUCKET_NOT_ALLOWED, "bucket '" + ref.bucket() + "' is not one this API may read");
        }
        if (store) {
            // the bucket flow records every object it was told about, a deleted one included; a client naming an
            // object that does not exist (or that this API may not read) gets its 404/403 and nothing is stored
            bucket.head(ref);
            IngestResult result = ingest.ingest(ref, clock.instant().toString(), deadline);
            // the item written or found comes with the result; only a lost race or a changed object needs a read
            LabelRecord stored = result.record().isPresent() ? result.record().get()
                    : table.find(ref.bucket(), ref.key()).orElseThrow(() -> Problem.of(ErrorCode.IMAGE_NOT_FOUND,
                    result.summary()));
            if (stored.errorCode() != null) {
                throw Problem.of(ErrorCode.valueOf(stored.errorCode()), stored.errorMessage());
            }
            return ApiResponse.json(200, LabelViews.full(stored));
        }
        ObjectMeta meta = bucket.head(ref);
        if (!meta.mayBeImage()) { // what the bucket flow records as SKIPPED, refused here before any download
            throw Problem.of(ErrorCode.NOT_AN_IMAGE, "s3://" + ref.bucket() + "/" + ref.key() + " has content type "
                    + meta.contentType() + ", not an image");
        }
        LabelOutcome outcome = labeler.label(ref.uri(), bucket.read(ref, meta, settings.maxObjectBytes()), deadline);
        failIfFailed(outcome);
        ObjectNode json = LabelJson.toJson(outcome);
        json.put("image", ref.uri());
        return ApiResponse.json(200, json);
    }

    private static void failIfFailed(LabelOutcome outcome) {
        if (outcome instanceof LabelOutcome.Failed f) {
            throw Problem.of(f.code(), f.message());
        }
    }

    private static JsonNode parseJson(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw Problem.of(ErrorCode.BAD_REQUEST, "JSON body must be an object");
            }
            return n;
        } catch (IOException e) {
            throw Problem.of(ErrorCode.BAD_REQUEST, "body is not one JSON value");
        }
    }

    /** A text ad: {"text": "..."} (at most {@link AdLabeler#MAX_TEXT_CHARS} characters), labeled without an image. */
    private ApiResponse labelText(JsonNode body, boolean store, Deadline deadline) {
        if (store) {
            throw Problem.of(ErrorCode.BAD_REQUEST, "store=true is for images; text ads are not stored");
        }
        JsonNode text = body.get("text");
        if (!text.isTextual()) {
            throw Problem.of(ErrorCode.BAD_REQUEST, "\"text\" must be a string");
        }
        LabelOutcome outcome = labeler.labelText(body.path("id").asText("text"), text.asText(), deadline);
        failIfFailed(outcome);
        return ApiResponse.json(200, LabelJson.toTextJson(outcome));
    }

    private static ImageRef parseS3Uri(JsonNode n) {
        String uri = n.path("s3Uri").asText(null);
        if (uri == null) {
            throw Problem.of(ErrorCode.BAD_REQUEST, "JSON body needs \"s3Uri\": \"s3://bucket/key\""
                    + " or \"text\": \"ad copy\"");
        }
        Matcher m = S3_URI.matcher(uri);
        if (!m.matches()) {
            throw Problem.of(ErrorCode.BAD_REQUEST, "s3Uri must look like s3://bucket/key; other URLs are"
                    + " never fetched");
        }
        return new ImageRef(m.group(1), checkedKey(m.group(2)), null, null);
    }

    /**
     * Keys a client may name: at most {@link #MAX_KEY_BYTES} bytes of UTF-8 (S3's own limit), no NUL, no empty, "." or
     * ".." segments. S3 would accept some of these, but the SDK normalises such paths and the request then fails as a
     * storage error; they are the caller's mistake and answered 400. Other control characters are allowed: one rule for
     * the bucket flow and the API — an object the bucket flow labels under such a key is readable
     * over HTTP (percent-encoded) and can be named in an s3Uri.
     */
    static String checkedKey(String key) {
        if (key.isEmpty() || key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw Problem.of(ErrorCode.BAD_REQUEST, "object keys are 1.." + MAX_KEY_BYTES + " bytes of UTF-8");
        }
        if (key.indexOf('\u0000') >= 0) {
            throw Problem.of(ErrorCode.BAD_REQUEST, "object keys may not contain NUL");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw Problem.of(ErrorCode.BAD_REQUEST, "object keys may not contain empty, '.' or '..' segments");
            }
        }
        return key;
    }

    static final int MAX_KEY_BYTES = 1024;

    private ApiResponse stored(String bucketName, String key, String caller) throws AdlensException {
        Optional<LabelRecord> r = table.find(bucketName, key);
        if (r.isEmpty() || (settings.scopeUploads() && !r.get().visibleTo(caller))) { // another's upload: not found
            throw Problem.of(ErrorCode.IMAGE_NOT_FOUND, "no labels stored for s3://" + bucketName + "/" + key);
        }
        return ApiResponse.json(200, LabelViews.full(r.get()));
    }

    private ApiResponse list(String kind, String label, Map<String, String> query, String caller)
            throws AdlensException {
        if (kind.equals("verdicts")) {
            if (Action.of(label) == null) {
                throw Problem.of(ErrorCode.UNKNOWN_LABEL, "no verdict '" + label + "'; the verdicts: allow, review, block");
            }
        } else if ((kind.equals("topics") ? taxonomy.topics() : taxonomy.sentiments()).stream()
                .noneMatch(c -> c.key().equals(label))) {
            throw Problem.of(ErrorCode.UNKNOWN_LABEL, "no " + kind.substring(0, kind.length() - 1) + " '" + label
                    + "'; see GET /v1/taxonomy");
        }
        int limit;
        try {
            limit = Integer.parseInt(query.getOrDefault("limit", "20"));
        } catch (NumberFormatException e) {
            throw Problem.of(ErrorCode.BAD_REQUEST, "limit must be a number 1..100");
        }
        String token = query.get("nextToken");
        String viewer = settings.scopeUploads() ? caller : null;
        Page page = kind.equals("topics") ? table.byTopic(label, limit, token, viewer)
                : kind.equals("verdicts") ? table.byVerdict(label, limit, token, viewer)
                : table.bySentiment(label, limit, token, viewer);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode items = out.putArray("items");
        page.items().forEach(i -> items.add(LabelViews.summary(i)));
        page.nextToken().ifPresent(t -> out.put("nextToken", t));
        return ApiResponse.json(200, out);
    }

    private ObjectNode taxonomyJson() {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode topics = out.putArray("topics");
        taxonomy.topics().forEach(c -> topics.addObject().put("id", c.id()).put("key", c.key()).put("name", c.name()));
        ArrayNode sentiments = out.putArray("sentiments");
        taxonomy.sentiments().forEach(c -> sentiments.addObject().put("id", c.id()).put("key", c.key())
                .put("name", c.name()));
        return out;
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw Problem.of(ErrorCode.BAD_REQUEST, "malformed percent-escape in the path");
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
