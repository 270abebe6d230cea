package dev.adlens.store;

import dev.adlens.aws.AwsClients;
import dev.adlens.aws.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The contract on the real store: LabelTable over dynalite. */
class LabelTableContractTest extends LabelStoreContract {
    static LocalStack aws;
    static DynamoDbClient dynamo;
    static LabelTable table;

    @BeforeAll
    static void start() throws Exception {
        aws = LocalStack.start(java.nio.file.Path.of("target", "local-aws", "contract"));
        dynamo = AwsClients.dynamo(aws.settings());
        table = new LabelTable(dynamo, "labels-contract");
        table.createIfMissing();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        aws.close();
    }

    @Override
    LabelStore store() {
        return table;
    }
}
