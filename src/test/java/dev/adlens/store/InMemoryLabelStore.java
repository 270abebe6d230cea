package dev.adlens.store;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Items by image, honouring {@link LabelStore}'s contract as {@code LabelTable} does (the same revision order,
 * DUPLICATE / SUPERSEDED, highest score first, paging with tokens, caller scoping): {@code LabelStoreContract} runs
 * on both, as Powertools' testutils keep an in-memory persistence store beside the DynamoDB one. {@code nextPut}
 * overrides the next write's result (a concurrent writer won the race).
 */
public final class InMemoryLabelStore implements LabelStore {
    public final Map<String, LabelRecord> items = new HashMap<>();
    public final Deque<WriteResult> nextPut = new ArrayDeque<>();
    public AdlensException failure;

    @Override
    public synchronized WriteResult put(LabelRecord r) throws AdlensException {
        if (failure != null) {
            throw failure;
        }
        if (!nextPut.isEmpty()) {
            return nextPut.pop();
        }
        LabelRecord stored = items.get(r.image());
        // LabelTable's condition: absent, an older revision, or the same second with another eTag or model
        boolean write = stored == null || stored.objectModified() < r.objectModified()
                || (stored.objectModified() == r.objectModified() && (!String.valueOf(stored.eTag())
                .equals(String.valueOf(r.eTag())) || !stored.modelVersion().equals(r.modelVersion())));
        if (!write) {
            return stored.objectModified() > r.objectModified() ? WriteResult.SUPERSEDED : WriteResult.DUPLICATE;
        }
        items.put(r.image(), r);
        return WriteResult.WRITTEN;
    }

    @Override
    public synchronized Optional<LabelRecord> find(String bucket, String key) throws AdlensException {
        if (failure != null) {
            throw failure;
        }
        return Optional.ofNullable(items.get("s3://" + bucket + "/" + key));
    }

    @Override
    public Page byTopic(String topic, int limit, String nextToken, String viewer) throws AdlensException {
        return page(r -> r.top().filter(t -> t.topic().equals(topic)).map(LabelRecord.TopLabels::topicScore),
                limit, nextToken, viewer);
    }

    @Override
    public Page bySentiment(String sentiment, int limit, String nextToken, String viewer) throws AdlensException {
        return page(r -> r.top().filter(t -> t.sentiment().equals(sentiment))
                .map(LabelRecord.TopLabels::sentimentScore), limit, nextToken, viewer);
    }

    @Override
    public Page byCategory(String category, int limit, String nextToken, String viewer) throws AdlensException {
        return page(r -> r.top().filter(t -> category.equals(t.category()))
                .map(LabelRecord.TopLabels::categoryScore), limit, nextToken, viewer);
    }

    @Override
    public Page byVerdict(String verdict, int limit, String nextToken, String viewer) throws AdlensException {
        return page(r -> r.top().filter(t -> verdict.equals(t.verdict()))
                .map(LabelRecord.TopLabels::verdictScore), limit, nextToken, viewer);
    }

    /** Matching items highest score first; the token is the offset of the next page (checked like the table's). */
    private synchronized Page page(Function<LabelRecord, Optional<Double>> score, int limit,
                                   String nextToken, String viewer) throws AdlensException {
        if (failure != null) {
            throw failure;
        }
        if (limit < 1 || limit > 100) {
            throw new AdlensException(ErrorCode.BAD_REQUEST, "limit must be 1..100");
        }
        List<LabelRecord> all = items.values().stream().filter(r -> score.apply(r).isPresent())
                .sorted(Comparator.comparing((LabelRecord r) -> score.apply(r).orElseThrow()).reversed()
                        .thenComparing(LabelRecord::image, Comparator.reverseOrder()))
                .toList();
        int from = 0;
        if (nextToken != null && !nextToken.isEmpty()) {
            try {
                from = Integer.parseInt(nextToken.substring("offset:".length()));
            } catch (RuntimeException e) {
                throw new AdlensException(ErrorCode.BAD_REQUEST,
                        "nextToken is not a token this query returned");
            }
            if (!nextToken.startsWith("offset:") || from < 0 || from > all.size()) {
                throw new AdlensException(ErrorCode.BAD_REQUEST,
                        "nextToken is not a token this query returned");
            }
        }
        int to = Math.min(all.size(), from + limit);
        // as in DynamoDB, the caller filter runs after the limit: a page may be short while a token follows
        List<LabelRecord> out = all.subList(from, to).stream()
                .filter(r -> viewer == null || r.visibleTo(viewer)).toList();
        return new Page(out, to < all.size() ? Optional.of("offset:" + to) : Optional.empty());
    }
}
