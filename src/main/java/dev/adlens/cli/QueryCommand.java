package dev.adlens.cli;

import dev.adlens.aws.AwsClients;
import dev.adlens.store.LabelRecord;
import dev.adlens.store.LabelTable;
import dev.adlens.store.LabelViews;
import dev.adlens.store.Page;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@Command(name = "query", mixinStandardHelpOptions = true,
        description = "List images by top topic, top sentiment or top category, highest score first (JSON lines).")
final class QueryCommand implements Callable<Integer> {
    static final class By {
        @Option(names = "--topic", description = "topic key, e.g. cars", required = true)
        String topic;

        @Option(names = "--sentiment", description = "sentiment key, e.g. creative", required = true)
        String sentiment;

        @Option(names = "--category", description = "top tier-1 category id in the first taxonomy the labels were made "
                + "in, e.g. 1082 (IAB Computer Software); see --taxonomy", required = true)
        String category;
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
        try (DynamoDbClient dynamo = AwsClients.dynamo(aws.settings())) {
            LabelTable table = new LabelTable(dynamo, aws.table);
            String token = null;
            int printed = 0;
            do {
                int want = Math.min(100, limit - printed);
                Page p = by.topic != null ? table.byTopic(by.topic, want, token)
                        : by.category != null ? table.byCategory(taxonomy + "/" + by.category, want, token, null)
                        : table.bySentiment(by.sentiment, want, token);
                for (LabelRecord r : p.items()) {
                    System.out.println(LabelViews.summary(r));
                    printed++;
                }
                token = p.nextToken().orElse(null);
            } while (token != null && printed < limit);
            return 0;
        }
    }
}
