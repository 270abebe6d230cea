package dev.adlens.cli;

import dev.adlens.aws.AwsClients;
import dev.adlens.labels.LabelClass;
import dev.adlens.labels.PittTaxonomy;
import dev.adlens.safety.Action;
import dev.adlens.store.LabelRecord;
import dev.adlens.store.LabelTable;
import dev.adlens.store.LabelViews;
import dev.adlens.store.Page;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@Command(name = "query", mixinStandardHelpOptions = true,
        description = "List images by top topic, top sentiment, top category or brand-safety verdict, highest score "
                + "first (JSON lines).")
final class QueryCommand implements Callable<Integer> {
    static final class By {
        @Option(names = "--topic", description = "topic key, e.g. cars", required = true)
        String topic;

        @Option(names = "--sentiment", description = "sentiment key, e.g. creative", required = true)
        String sentiment;

        @Option(names = "--category", description = "top tier-1 category id in the first taxonomy the labels were made "
                + "in, e.g. 1082 (IAB Computer Software); see --taxonomy", required = true)
        String category;

        @Option(names = "--verdict", description = "brand-safety verdict: allow, review or block, the most flagged "
                + "first (docs/safety.md)", required = true)
        String verdict;
    }

    @Option(names = "--taxonomy", description = "the taxonomy of --category (default: ${DEFAULT-VALUE})")
    String taxonomy = "iab-ad-product-2.0";

    @ArgGroup(multiplicity = "1")
    By by;

    @Option(names = "--limit", description = "at most this many (default: ${DEFAULT-VALUE})")
    int limit = 20;

    @Mixin
    AwsOptions aws;

    @Override
    public Integer call() throws Exception {
        // a misspelt key would list nothing, exactly like a key with no images yet: refused before any storage
        PittTaxonomy pitt = PittTaxonomy.official();
        String unknown = by.topic != null ? unknown("topic", by.topic, pitt.topics())
                : by.sentiment != null ? unknown("sentiment", by.sentiment, pitt.sentiments())
                : by.verdict != null && Action.of(by.verdict) == null ? "no verdict '" + by.verdict
                        + "'; the verdicts: allow, review, block" : null;
        if (unknown != null) {
            System.err.println("adlens query: " + unknown);
            return 2;
        }
        try (DynamoDbClient dynamo = AwsClients.dynamo(aws.settings())) {
            LabelTable table = new LabelTable(dynamo, aws.table);
            String token = null;
            int printed = 0;
            do {
                int want = Math.min(100, limit - printed);
                Page p = by.topic != null ? table.byTopic(by.topic, want, token)
                        : by.category != null ? table.byCategory(taxonomy + "/" + by.category, want, token, null)
                        : by.verdict != null ? table.byVerdict(by.verdict, want, token, null)
                        : table.bySentiment(by.sentiment, want, token);
                for (LabelRecord r : p.items()) {
                    System.out.println(LabelViews.summary(r));
                    printed++;
                }
                token = p.nextToken().orElse(null);
            } while (token != null && printed < limit);
            if (printed == 0 && by.category != null && !aws.realAws) {
                DevState.ready(aws.state).flatMap(DevState.Ready::taxonomies)
                        .flatMap(labeled -> categoryHint(taxonomy, labeled)).ifPresent(System.err::println);
            }
            return 0;
        }
    }

    /** Null when {@code key} is one of {@code classes}; else what to say, with the nearest keys and all of them. */
    static String unknown(String kind, String key, List<LabelClass> classes) {
        List<String> keys = classes.stream().map(LabelClass::key).toList();
        if (keys.contains(key)) {
            return null;
        }
        List<String> near = keys.stream().filter(k -> k.startsWith(key) || key.startsWith(k)
                || editDistance(k, key) <= 2).toList();
        return "no " + kind + " '" + key + "'" + (near.isEmpty() ? "" : " (did you mean " + String.join(" or ", near)
                + "?)") + "; the " + kind + "s: " + String.join(", ", keys);
    }

    /**
     * Why --category found nothing in `adlens dev`'s table, when the taxonomies dev labels in say so: the category
     * index holds the first of them only, and dev labels in none unless told (the deployed function's default is
     * ADLENS_TAXONOMIES=iab-ad-product-2.0), so a --category that works against AWS lists nothing here.
     */
    static Optional<String> categoryHint(String taxonomy, List<String> labeled) {
        if (labeled.isEmpty()) {
            return Optional.of("adlens query: nothing listed: `adlens dev` labels in no taxonomy, so its items have no "
                    + "category (the deployed function labels in " + taxonomy + " by default); restart it with `./adlens"
                    + " dev --taxonomy " + taxonomy + "` and it relabels the bucket");
        }
        if (!labeled.get(0).equals(taxonomy)) {
            return Optional.of("adlens query: nothing listed: --category looks in the first taxonomy `adlens dev` labels"
                    + " in, " + labeled.get(0) + ", not " + taxonomy + " (pass --taxonomy " + labeled.get(0) + ", or "
                    + "restart dev with --taxonomy " + taxonomy + " first)");
        }
        return Optional.empty();
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] row = new int[b.length() + 1];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                row[j] = Math.min(Math.min(row[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1)
                        ? 0 : 1));
            }
            prev = row;
        }
        return prev[b.length()];
    }
}
