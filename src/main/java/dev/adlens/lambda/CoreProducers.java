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
import dev.adlens.labels.Taxonomy;
import dev.adlens.ocr.OcrConfig;
import dev.adlens.pipeline.Pipeline;
import dev.adlens.pipeline.PipelineSettings;
import dev.adlens.store.LabelTable;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
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
    Pipeline pipeline(AdlensConfig c) throws AdlensException {
        ImageLimits d = ImageLimits.DEFAULT;
        return Pipeline.forLabeling(new PipelineSettings(c.models(), c.tessdata(), Optional.empty(), c.workers(),
                c.threads(), 1, OcrConfig.UPSCALE_BELOW, OcrConfig.MAX_SIDE,
                new ImageLimits(c.maxImageBytes(), d.maxPixels(), d.minSide(), d.maxDecodeSide()), c.imageBudget()),
                encoder(c).factory(), encoder(c).textFactory());
    }

    static EncoderSettings encoder(AdlensConfig c) {
        AdlensConfig.Encoder e = c.encoder();
        return new EncoderSettings(e.mode(), e.url(), e.sagemakerEndpoint(), e.sagemakerRuntime(), c.aws().region(),
                e.model(), e.binary(), new RetryPolicy(e.maxAttempts(), e.backoff(), Duration.ofSeconds(2),
                e.attemptTimeout()), e.breakerFailures(), e.breakerOpen());
    }

    void close(@Disposes Pipeline p) throws Exception {
        p.close();
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
    ObjectIngest ingest(Pipeline p, S3Client s3, LabelTable table, AdlensConfig c) {
        return new ObjectIngest(new S3ImageBucket(s3), table, p.labeler(), c.maxImageBytes(), Clock.systemUTC());
    }

    @Produces
    @Singleton
    LabelsApi api(Pipeline p, S3Client s3, ObjectIngest ingest, LabelTable table, AdlensConfig c) {
        return new LabelsApi(p.labeler(), new S3ImageBucket(s3), ingest, table, Taxonomy.official(),
                new ApiSettings(c.api().allowedBuckets().orElse(Set.of()), c.api().maxBodyBytes(), c.maxImageBytes(),
                        c.api().scopeUploads()), Clock.systemUTC(),
                c.encoder().mode().name().toLowerCase(java.util.Locale.ROOT));
    }

    @Produces
    @Singleton
    DispositionCounts counts() {
        return new DispositionCounts();
    }

    @Produces
    @Singleton
    TriggerProcessor processor(ObjectIngest ingest, AdlensConfig c, DispositionCounts counts) {
        ExecutorService pool = Executors.newFixedThreadPool(c.workers(), r -> {
            Thread t = new Thread(r, "adlens-ingest");
            t.setDaemon(true);
            return t;
        });
        return new TriggerProcessor(ingest, pool, c.function().minRemaining().toMillis(), counts);
    }
}
