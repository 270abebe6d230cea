package dev.adlens.lambda;

import dev.adlens.labels.LabelOutcome;
import dev.adlens.app.Adlens;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Warms the function before its first real event: creates the pipeline (ORT sessions, Tesseract engines, word
 * vectors), labels one bundled synthetic ad end to end (ORT kernels, Tesseract, the JIT's hot paths), and builds the
 * SDK clients (their classes and configuration; no network call is made). Under SnapStart this runs in
 * {@code beforeCheckpoint}, so every restored instance starts warm.
 */
@Startup
@Singleton
public class Priming implements Resource {
    public enum Mode { SNAPSTART, STARTUP, OFF }

    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
    private final Instance<Adlens> pipeline;
    private final Instance<S3Client> s3;
    private final Instance<DynamoDbClient> dynamo;

    public Priming(AdlensConfig config, Instance<Adlens> pipeline, Instance<S3Client> s3, Instance<DynamoDbClient> dynamo) {
        this.pipeline = pipeline;
        this.s3 = s3;
        this.dynamo = dynamo;
        switch (config.prime()) {
            case SNAPSTART -> Core.getGlobalContext().register(this);
            case STARTUP -> prime();
            case OFF -> {
            }
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to refresh: the SDK's URL-connection client opens connections per request
    }

    /** @return the outcome of the priming labeling (for tests) */
    public LabelOutcome prime() {
        long start = System.nanoTime();
        byte[] ad;
        try (InputStream in = Priming.class.getResourceAsStream("/priming/ad.jpg")) {
            ad = in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("priming image missing from the package", e));
        }
        Adlens adlens = pipeline.get();
        // one labeling per worker at once: Tesseract creates an engine per overlapping read (a process labeling one
        // ad pays for one), and a restored instance should not pay ~0.25 s for the second in its first busy event
        int workers = Math.max(1, adlens.settings().workers());
        List<CompletableFuture<LabelOutcome>> runs = new ArrayList<>();
        for (int i = 1; i < workers; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> adlens.labeler().label("priming", ad)));
        }
        LabelOutcome outcome = adlens.labeler().label("priming", ad);
        runs.forEach(CompletableFuture::join);
        s3.get().serviceClientConfiguration();
        dynamo.get().serviceClientConfiguration();
        LOG.atInfo().addKeyValue("ms", (System.nanoTime() - start) / 1_000_000)
                .addKeyValue("outcome", outcome instanceof LabelOutcome.Labeled ? "LABELED" : "FAILED").log("primed");
        return outcome;
    }
}
