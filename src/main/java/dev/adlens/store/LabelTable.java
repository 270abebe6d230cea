package dev.adlens.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The label table. Schema (also in docs/s3-function.md and template.yaml, checked by TemplateTest):
 * partition key {@code image} (S, {@code s3://bucket/key}); GSI {@value #BY_TOPIC} ({@code topTopic} S,
 * {@code topTopicScore} N) and {@value #BY_SENTIMENT} ({@code topSentiment} S, {@code topSentimentScore} N), both
 * sparse (only LABELED items carry their keys), projecting the summary attributes.
 *
 * <p>Exactly-once effect without transactions: a put succeeds only if the table holds no item for the image, or an
 * older object revision (Last-Modified), or the same revision under another eTag or model version. A duplicate or
 * concurrent delivery of the same revision and model therefore writes once; an older revision never overwrites a
 * newer one.
 */
public final class LabelTable implements LabelStore {
    public static final String BY_TOPIC = "byTopTopic";
    public static final String BY_SENTIMENT = "byTopSentiment";
    /**
     * Images by their top tier-1 category ({@code taxonomy/id}) in the deployment's first taxonomy: one more index
     * entry per labeled item (a write unit each, ~200 bytes of storage), docs/taxonomies.md.
     */
    public static final String BY_CATEGORY = "byTopCategory";
    /**
     * Images by their brand-safety verdict ({@code verdict} S: allow, review, block), the most flagged first
     * ({@code verdictScore} N, the highest flag score): {@code adlens query --verdict review}, docs/safety.md.
     */
    public static final String BY_VERDICT = "byVerdict";
    /**
     * Attributes the GSIs carry besides their own keys: enough to list images without a second read. The verdict is
     * not among them (the indexes made before it keep their projection: DynamoDB cannot change one in place); it is
     * {@value #BY_VERDICT}'s own key.
     */
    public static final List<String> SUMMARY = List.of("bucket", "key", "versionId", "eTag", "objectModified", "status",
            "modelVersion", "labeledAt", "topTopic", "topTopicScore", "topSentiment", "topSentimentScore", "owner",
            "topCategory", "topCategoryScore");
    private static final String CONDITION = "attribute_not_exists(#image) OR #modified < :modified"
            + " OR (#modified = :modified AND (#etag <> :etag OR #model <> :model))";
    private static final Map<String, String> CONDITION_NAMES = Map.of("#image", "image", "#modified", "objectModified",
            "#etag", "eTag", "#model", "modelVersion");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbClient dynamo;
    private final String table;

    public LabelTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public String name() {
        return table;
    }

    /** For local stacks and tests; in AWS the table comes from template.yaml. */
    public void createIfMissing() throws AdlensException {
        try {
            dynamo.createTable(CreateTableRequest.builder().tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attr("image", ScalarAttributeType.S), attr("topTopic", ScalarAttributeType.S),
                            attr("topTopicScore", ScalarAttributeType.N), attr("topSentiment", ScalarAttributeType.S),
                            attr("topSentimentScore", ScalarAttributeType.N), attr("topCategory", ScalarAttributeType.S),
                            attr("topCategoryScore", ScalarAttributeType.N), attr("verdict", ScalarAttributeType.S),
                            attr("verdictScore", ScalarAttributeType.N))
                    .keySchema(key("image", KeyType.HASH))
                    .globalSecondaryIndexes(index(BY_TOPIC, "topTopic", "topTopicScore"),
                            index(BY_SENTIMENT, "topSentiment", "topSentimentScore"),
                            index(BY_CATEGORY, "topCategory", "topCategoryScore"),
                            index(BY_VERDICT, "verdict", "verdictScore"))
                    .build());
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
        } catch (ResourceInUseException exists) {
            // created by someone else (another test, a previous `adlens dev`): fine
        } catch (SdkServiceException | SdkClientException e) {
            throw unavailable("create table " + table, e);
        }
    }

    /** What an index projects besides its own keys (DynamoDB refuses key attributes in NonKeyAttributes). */
    public static List<String> projected(String hash, String range) {
        return SUMMARY.stream().filter(a -> !a.equals(hash) && !a.equals(range)).toList();
    }

    private static GlobalSecondaryIndex index(String name, String hash, String range) {
        List<String> projected = projected(hash, range);
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(key(hash, KeyType.HASH), key(range, KeyType.RANGE))
                .projection(Projection.builder().projectionType(ProjectionType.INCLUDE).nonKeyAttributes(projected).build())
                .build();
    }

    private static AttributeDefinition attr(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    /** Conditional put (see the class comment); never a blind overwrite. */
    @Override
    public WriteResult put(LabelRecord r) throws AdlensException {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":modified", n(r.objectModified()));
        values.put(":etag", s(String.valueOf(r.eTag())));
        values.put(":model", s(r.modelVersion()));
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(toItem(r)).conditionExpression(CONDITION)
                    .expressionAttributeNames(CONDITION_NAMES).expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
            return WriteResult.WRITTEN;
        } catch (ConditionalCheckFailedException e) {
            // AWS returns the blocking item; stand-ins without that feature (dynalite) get one consistent read
            long stored = e.hasItem() && !e.item().isEmpty() ? (long) num(e.item(), "objectModified")
                    : find(r.bucket(), r.key()).map(LabelRecord::objectModified).orElse(Long.MIN_VALUE);
            return stored > r.objectModified() ? WriteResult.SUPERSEDED : WriteResult.DUPLICATE;
        } catch (SdkServiceException | SdkClientException e) {
            throw unavailable("put " + r.image(), e);
        }
    }

    @Override
    public Optional<LabelRecord> find(String bucket, String key) throws AdlensException {
        try {
            GetItemResponse r = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(Map.of("image", s("s3://" + bucket + "/" + key))));
            return r.hasItem() && !r.item().isEmpty() ? Optional.of(fromItem(r.item())) : Optional.empty();
        } catch (SdkServiceException | SdkClientException e) {
            throw unavailable("get s3://" + bucket + "/" + key, e);
        }
    }

    /** Images whose top topic is {@code topic}, highest score first. */
    public Page byTopic(String topic, int limit, String nextToken) throws AdlensException {
        return byTopic(topic, limit, nextToken, null);
    }

    /**
     * As above, as {@code viewer} sees it: bucket objects and the viewer's own uploads (null: everything). The filter
     * runs after DynamoDB's limit, so a page may hold fewer than {@code limit} items while a next token exists.
     */
    @Override
    public Page byTopic(String topic, int limit, String nextToken, String viewer) throws AdlensException {
        return query(BY_TOPIC, "topTopic", "topTopicScore", topic, limit, nextToken, viewer);
    }

    /** Images whose top sentiment is {@code sentiment}, highest score first. */
    public Page bySentiment(String sentiment, int limit, String nextToken) throws AdlensException {
        return bySentiment(sentiment, limit, nextToken, null);
    }

    /** {@link #byTopic(String, int, String, String)} for sentiments. */
    @Override
    public Page bySentiment(String sentiment, int limit, String nextToken, String viewer) throws AdlensException {
        return query(BY_SENTIMENT, "topSentiment", "topSentimentScore", sentiment, limit, nextToken, viewer);
    }

    /** Images whose top tier-1 category is {@code category} ({@code taxonomy/id}), highest score first. */
    @Override
    public Page byCategory(String category, int limit, String nextToken, String viewer) throws AdlensException {
        return query(BY_CATEGORY, "topCategory", "topCategoryScore", category, limit, nextToken, viewer);
    }

    /** Images whose brand-safety verdict is {@code verdict}, the highest flag score first. */
    @Override
    public Page byVerdict(String verdict, int limit, String nextToken, String viewer) throws AdlensException {
        return query(BY_VERDICT, "verdict", "verdictScore", verdict, limit, nextToken, viewer);
    }

    private Page query(String index, String hash, String range, String value, int limit, String nextToken,
                       String viewer) throws AdlensException {
        if (limit < 1 || limit > 100) {
            throw new AdlensException(ErrorCode.BAD_REQUEST, "limit must be 1..100");
        }
        QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName(index)
                .keyConditionExpression("#h = :v").scanIndexForward(false).limit(limit);
        if (viewer == null) {
            q.expressionAttributeNames(Map.of("#h", hash)).expressionAttributeValues(Map.of(":v", s(value)));
        } else {
            q.filterExpression("attribute_not_exists(#o) OR #o = :me")
                    .expressionAttributeNames(Map.of("#h", hash, "#o", "owner"))
                    .expressionAttributeValues(Map.of(":v", s(value), ":me", s(viewer)));
        }
        if (nextToken != null && !nextToken.isEmpty()) {
            q.exclusiveStartKey(decodeToken(nextToken, Set.of("image", hash, range), hash, value, range));
        }
        try {
            QueryResponse r = dynamo.query(q.build());
            List<LabelRecord> items = new ArrayList<>();
            r.items().forEach(i -> items.add(fromItem(i)));
            Optional<String> next = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty()
                    ? Optional.of(encodeToken(r.lastEvaluatedKey(), range)) : Optional.empty();
            return new Page(items, next);
        } catch (SdkServiceException e) {
            if (e.statusCode() == 400 && nextToken != null && !nextToken.isEmpty()) {
                throw new AdlensException(ErrorCode.BAD_REQUEST, "nextToken is not a token this query returned");
            }
            throw unavailable("query " + index, e);
        } catch (SdkClientException e) {
            throw unavailable("query " + index, e);
        }
    }

    /** The page token is the last key as base64url JSON; checked on the way back in (it comes from clients). */
    private static String encodeToken(Map<String, AttributeValue> key, String numeric) {
        Map<String, String> plain = new LinkedHashMap<>();
        key.forEach((k, v) -> plain.put(k, k.equals(numeric) ? v.n() : v.s()));
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(plain));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Longest page token read: a real one is ~200 characters (three keys of at most 2 KB each, base64). */
    static final int MAX_TOKEN_CHARS = 9_000;

    private static Map<String, AttributeValue> decodeToken(String token, Set<String> expected, String hash, String value,
                                                           String numeric) throws AdlensException {
        try {
            if (token.length() > MAX_TOKEN_CHARS) {
                throw new IllegalArgumentException("token too long");
            }
            Map<String, String> plain = JSON.readValue(Base64.getUrlDecoder().decode(token), new TypeReference<>() {
            });
            // every field present, a string, non-empty: a forged "null", {"x": null} or "" is the caller's mistake (400),
            // never a NullPointerException (500) or a DynamoDB validation error passed off as a storage outage (503)
            if (plain == null || !plain.keySet().equals(expected) || !value.equals(plain.get(hash))
                    || plain.values().stream().anyMatch(v -> v == null || v.isEmpty())
                    || !plain.get("image").startsWith("s3://")) {
                throw new IllegalArgumentException("foreign token");
            }
            Map<String, AttributeValue> key = new HashMap<>();
            for (Map.Entry<String, String> e : plain.entrySet()) {
                if (e.getKey().equals(numeric)) {
                    double score = Double.parseDouble(e.getValue());
                    if (!(score >= 0 && score <= 1)) { // NaN, Infinity, 1e400: DynamoDB would reject them (a 5xx)
                        throw new IllegalArgumentException("score out of range");
                    }
                    key.put(e.getKey(), n(score));
                } else if (e.getValue() == null || e.getValue().getBytes(StandardCharsets.UTF_8).length > 2048) {
                    throw new IllegalArgumentException("key attribute too long"); // DynamoDB's key limit
                } else {
                    key.put(e.getKey(), s(e.getValue()));
                }
            }
            return key;
        } catch (IOException | RuntimeException e) {
            throw new AdlensException(ErrorCode.BAD_REQUEST, "nextToken is not a token this query returned");
        }
    }

    static Map<String, AttributeValue> toItem(LabelRecord r) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("image", s(r.image()));
        item.put("bucket", s(r.bucket()));
        item.put("key", s(r.key()));
        putIfPresent(item, "versionId", r.versionId());
        item.put("eTag", s(String.valueOf(r.eTag()))); // always present: the write condition compares it
        item.put("objectModified", n(r.objectModified()));
        item.put("contentLength", n(r.contentLength()));
        putIfPresent(item, "contentType", r.contentType());
        item.put("status", s(r.status().name()));
        putIfPresent(item, "owner", r.owner());
        putIfPresent(item, "errorCode", r.errorCode());
        putIfPresent(item, "errorMessage", r.errorMessage());
        item.put("modelVersion", s(r.modelVersion()));
        r.top().ifPresent(t -> {
            item.put("topTopic", s(t.topic()));
            item.put("topTopicScore", n(t.topicScore()));
            item.put("topSentiment", s(t.sentiment()));
            item.put("topSentimentScore", n(t.sentimentScore()));
            if (t.category() != null) {
                item.put("topCategory", s(t.category()));
                item.put("topCategoryScore", n(t.categoryScore()));
            }
            if (t.verdict() != null) {
                item.put("verdict", s(t.verdict()));
                item.put("verdictScore", n(t.verdictScore()));
            }
        });
        if (r.result() != null && !r.result().isEmpty()) {
            // gzip: the JSON is ~10 KB (11 write units a put), ~3 KB compressed (4): write units are most of the
            // per-image cost (docs/performance.md, "Cost per 1,000 images"); items written before this carry a plain
            // "result"
            item.put("resultGz", AttributeValue.fromB(SdkBytes.fromByteArray(
                    gzip(r.result()))));
        }
        item.put("ocrTruncated", AttributeValue.fromBool(r.ocrTruncated()));
        putIfPresent(item, "eventTime", r.eventTime());
        item.put("labeledAt", s(r.labeledAt()));
        return item;
    }

    static LabelRecord fromItem(Map<String, AttributeValue> i) {
        Optional<LabelRecord.TopLabels> top = i.containsKey("topTopic")
                ? Optional.of(new LabelRecord.TopLabels(str(i, "topTopic"), num(i, "topTopicScore"),
                str(i, "topSentiment"), num(i, "topSentimentScore"), str(i, "topCategory"),
                i.containsKey("topCategory") ? num(i, "topCategoryScore") : 0, str(i, "verdict"),
                num(i, "verdictScore")))
                : Optional.empty();
        return new LabelRecord(str(i, "image"), str(i, "bucket"), str(i, "key"), str(i, "versionId"),
                "null".equals(str(i, "eTag")) ? null : str(i, "eTag"),
                (long) num(i, "objectModified"), (long) num(i, "contentLength"), str(i, "contentType"),
                RecordStatus.valueOf(str(i, "status")), str(i, "errorCode"), str(i, "errorMessage"),
                str(i, "modelVersion"), top, i.containsKey("resultGz") ? gunzip(i.get("resultGz").b().asByteArray())
                        : str(i, "result"),
                i.containsKey("ocrTruncated") && Boolean.TRUE.equals(i.get("ocrTruncated").bool()),
                str(i, "eventTime"), str(i, "labeledAt"), str(i, "owner"));
    }

    /** Item size as DynamoDB counts it (attribute names + values, UTF-8): for the 400 KB limit test. */
    static int itemBytes(LabelRecord r) {
        int total = 0;
        for (Map.Entry<String, AttributeValue> e : toItem(r).entrySet()) {
            AttributeValue v = e.getValue();
            int value = v.b() != null ? v.b().asByteArray().length
                    : (v.s() != null ? v.s() : v.n() != null ? v.n() : "1").getBytes(StandardCharsets.UTF_8).length;
            total += e.getKey().getBytes(StandardCharsets.UTF_8).length + value;
        }
        return total;
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return out.toByteArray();
    }

    static String gunzip(byte[] data) {
        try (GZIPInputStream z = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return new String(z.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("stored result is not gzip", e);
        }
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, s(value));
        }
    }

    private static String str(Map<String, AttributeValue> i, String name) {
        AttributeValue v = i.get(name);
        return v == null ? null : v.s();
    }

    private static double num(Map<String, AttributeValue> i, String name) {
        AttributeValue v = i.get(name);
        return v == null || v.n() == null ? 0 : Double.parseDouble(v.n());
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(double v) {
        return AttributeValue.fromN(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : Double.toString(v));
    }

    private static AdlensException unavailable(String what, Exception e) {
        return new AdlensException(ErrorCode.STORAGE_UNAVAILABLE, "DynamoDB unavailable (" + what + "): "
                + e.getMessage(), e);
    }
}
