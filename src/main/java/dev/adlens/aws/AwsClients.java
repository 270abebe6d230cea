package dev.adlens.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Builds the two clients; one place for endpoint overrides, credentials, timeouts and retries. */
public final class AwsClients {
    private AwsClients() {
    }

    public static S3Client s3(AwsSettings s) {
        var b = S3Client.builder().region(Region.of(s.region())).credentialsProvider(credentials(s))
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(override(s));
        s.s3Endpoint().ifPresent(uri -> b.endpointOverride(uri).forcePathStyle(true));
        return b.build();
    }

    public static DynamoDbClient dynamo(AwsSettings s) {
        var b = DynamoDbClient.builder().region(Region.of(s.region())).credentialsProvider(credentials(s))
                .httpClient(UrlConnectionHttpClient.create()).overrideConfiguration(override(s));
        s.dynamodbEndpoint().ifPresent(b::endpointOverride);
        return b.build();
    }

    private static ClientOverrideConfiguration override(AwsSettings s) {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(b -> b.maxAttempts(s.maxAttempts()))
                .apiCallTimeout(s.apiCallTimeout())
                .apiCallAttemptTimeout(s.apiCallTimeout().dividedBy(2))
                .build();
    }

    private static AwsCredentialsProvider credentials(AwsSettings s) {
        if (s.accessKeyId().isPresent() && s.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(s.accessKeyId().get(),
                    s.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
