package dev.adlens.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.aws.AwsClients;
import dev.adlens.store.LabelRecord;
import dev.adlens.store.LabelTable;
import dev.adlens.store.LabelViews;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Print the stored labels of one object (exit 4 when there are none yet).")
final class GetCommand implements Callable<Integer> {
    static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "KEY")
    String key;

    @Mixin
    AwsOptions aws;

    @Override
    public Integer call() throws Exception {
        try (DynamoDbClient dynamo = AwsClients.dynamo(aws.settings())) {
            Optional<LabelRecord> r = new LabelTable(dynamo, aws.table).find(aws.bucket, key);
            if (r.isEmpty()) {
                System.err.println("no labels for s3://" + aws.bucket + "/" + key);
                return 4;
            }
            System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(LabelViews.full(r.get())));
            return 0;
        }
    }
}
