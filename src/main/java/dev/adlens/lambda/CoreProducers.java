package dev.adlens.lambda;

import dev.adlens.api.ApiSettings;
import dev.adlens.api.LabelsApi;
import dev.adlens.aws.AwsClients;
import dev.adlens.aws.AwsSettings;
import dev.adlens.bucket.S3ImageBucket;
import dev.adlens.encoder.EncoderSettings;
import dev.adlens.encoder.RetryPolicy;
import dev.adlens.error.AdlensException;
import dev.adlens.image.ImageLimits;
import dev.adlens.ingest.DispositionCounts;
import dev.adlens.ingest.ObjectIngest;
import dev.adlens.ingest.TriggerProcessor;
import dev.adlens.labels.PittTaxonomy;
import dev.adlens.ocr.OcrConfig;
import dev.adlens.app.Adlens;
import dev.adlens.app.AdlensSettings;
import dev.adlens.store.LabelTable;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Assembles the plain-Java core from {@link AdlensConfig}; the only place Quarkus meets the pipeline. */
@Singleton
public class CoreProducers {
    @Produces
    @Singleton
    Adlens adlens(AdlensConfig c) throws AdlensException {
        return Adlens.open(AdlensSettings.defaults(c.models(), c.tessdata()).withWorkers(c.workers())
                .withThreads(c.threads(), 1).withMaxImageBytes(c.maxImageBytes()).withImageBudget(c.imageBudget())
                .withEncoder(encoder(c)).withCategories(c.taxonomies().orElse(List.of()), c.topicFusion())
                .withPolicy(c.policy()));
    }

    static EncoderSettings encoder(AdlensConfig c) {
        AdlensConfig.Encoder e = c.encoder();
        return new EncoderSettings(e.mode(), e.url(), e.sagemakerEndpoint(), e.sagemakerRuntime(), c.aws().region(),
                e.model(), e.binary(), new RetryPolicy(e.maxAttempts(), e.backoff(), Duration.ofSeconds(2),
                e.attemptTimeout()), e.breakerFailures(), e.breakerOpen());
    }

    void close(@Disposes Adlens a) throws Exception {
        a.close();
    }

    @Produces
    @Singleton
    AwsSettings awsSettings(AdlensConfig c) {
        AdlensConfig.Aws a = c.aws();
        return new AwsSettings(a.region(), a.s3Endpoint(), a.dynamodbEndpoint(), a.accessKeyId(), a.secretAccessKey(),
                a.maxAttempts(), a.apiCallTimeout());
    }

    @Produces
    @Singleton
    @DefaultBean
    S3Client s3(AwsSettings s) {
        return AwsClients.s3(s);
    }

    void close(@Disposes S3Client s3) {
        s3.close();
    }

    @Produces
    @Singleton
    @DefaultBean
    DynamoDbClient dynamo(AwsSettings s) {
        return AwsClients.dynamo(s);
    }

    void close(@Disposes DynamoDbClient d) {
        d.close();
    }

    @Produces
    @Singleton
    LabelTable table(DynamoDbClient dynamo, AdlensConfig c) throws AdlensException {
        LabelTable t = new LabelTable(dynamo, c.table().name());
        if (c.table().create()) {
            t.createIfMissing();
        }
        return t;
    }

    @Produces
    @Singleton
    ObjectIngest ingest(Adlens a, S3Client s3, LabelTable table) {
        return a.ingest(new S3ImageBucket(s3), table, Clock.systemUTC());
    }

    @Produces
    @Singleton
    LabelsApi api(Adlens a, S3Client s3, ObjectIngest ingest, LabelTable table, AdlensConfig c) {
        return a.api(new S3ImageBucket(s3), ingest, table, new ApiSettings(c.api().allowedBuckets().orElse(Set.of()),
                c.api().maxBodyBytes(), c.maxImageBytes(), c.api().scopeUploads()), Clock.systemUTC());
    }

    @Produces
    @Singleton
    DispositionCounts counts() {
        return new DispositionCounts();
    }

    @Produces
    @Singleton
    TriggerProcessor processor(Adlens a, ObjectIngest ingest, AdlensConfig c, DispositionCounts counts) {
        return a.triggers(ingest, c.function().minRemaining(), counts);
    }
}
