package dev.adlens.lambda;

import dev.adlens.api.ApiSettings;
import dev.adlens.app.AdlensSettings;
import dev.adlens.aws.AwsSettings;
import dev.adlens.encoder.EncoderMode;
import dev.adlens.encoder.EncoderSettings;
import dev.adlens.pipeline.AdLabeler;
import io.smallrye.config.ConfigMapping;
import dev.adlens.safety.Policy;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Everything the function reads from configuration (application.properties, env ADLENS_…). */
@ConfigMapping(prefix = "adlens")
public interface AdlensConfig {
    /** Directory with visual/, words/, head/ (in Lambda: beside the function or in a layer). */
    @WithDefault(AdlensSettings.DEFAULT_MODELS_DIR)
    Path models();

    @WithDefault(AdlensSettings.DEFAULT_TESSDATA_DIR)
    Path tessdata();

    /** Images labeled at once inside one invocation (one Tesseract engine each). */
    @WithDefault(AdlensSettings.DEFAULT_WORKERS)
    int workers();

    /** ONNX Runtime intra-op threads of visual.onnx, and text batches encoded at once when a taxonomy is loaded. */
    @WithDefault(AdlensSettings.DEFAULT_THREADS)
    int threads();

    /**
     * Time one image may take, all stages together (decode, OCR, encoders); past it the image is recorded FAILED
     * PROCESSING_TIMEOUT. Further capped by the invocation's remaining time.
     */
    @WithDefault(AdLabeler.DEFAULT_BUDGET_TEXT)
    Duration imageBudget();

    /** Largest image accepted, in bytes (checked with HeadObject before any download). */
    @WithDefault(AdlensSettings.DEFAULT_MAX_IMAGE_BYTES)
    long maxImageBytes();

    /**
     * When to warm ORT, Tesseract, the JIT and the SDK clients with one labeling of a bundled ad: {@code snapstart}
     * (in SnapStart's beforeCheckpoint hook, so the snapshot holds the warm state; a no-op without CRaC),
     * {@code startup} (during init: no SnapStart, first request faster) or {@code off}.
     */
    @WithDefault("snapstart")
    Priming.Mode prime();

    /**
     * Taxonomies every ad is also labeled in (built-in ids or adlens-taxonomy-1 files); none by default here, the SAM
     * template's Taxonomies parameter sets iab-ad-product-2.0.
     */
    Optional<List<String>> taxonomies();

    /**
     * The brand-safety policy every ad is assessed under: "default" (the built-in one) or an adlens-policy-1 file
     * (e.g. under the models layer, /opt/models/...); ADLENS_POLICY, the SAM template's SafetyPolicy parameter.
     */
    @WithDefault(Policy.DEFAULT_NAME)
    String policy();

    /** Pitt topics fused from the head and the topic phrases (models/head/fusion.json); false: the head alone. */
    @WithDefault("true")
    boolean topicFusion();

    Aws aws();

    Table table();

    Function function();

    Encoder encoder();

    Api api();

    interface Api {
        /** Buckets a {@code {"s3Uri": …}} request may name; nothing else is ever fetched. */
        Optional<Set<String>> allowedBuckets();

        /** Largest decoded request body (Lambda's 6 MB synchronous payload limit includes base64's 4/3). */
        @WithDefault(ApiSettings.DEFAULT_MAX_BODY_BYTES)
        long maxBodyBytes();

        /**
         * Uploads (POST /v1/labels?store=true with an image body) are read and listed only by the caller who sent
         * them (the IAM principal); false shares them between all callers. Bucket objects are always shared.
         */
        @WithDefault("true")
        boolean scopeUploads();
    }

    /** Where visual.onnx runs (see docs/gpu-encoders.md). */
    interface Encoder {
        /** local, remote or auto. */
        @WithDefault("local")
        EncoderMode mode();

        /** KServe v2 base URL (Triton or adlens serve-encoders). */
        Optional<URI> url();

        /** SageMaker endpoint name hosting Triton (used when no url is set). */
        Optional<String> sagemakerEndpoint();

        /** Override of https://runtime.sagemaker.REGION.amazonaws.com (VPC endpoints, tests). */
        Optional<URI> sagemakerRuntime();

        @WithDefault(EncoderSettings.DEFAULT_MODEL)
        String model();

        /** Binary tensor extension (false: JSON tensors). */
        @WithDefault("true")
        boolean binary();

        @WithDefault(EncoderSettings.DEFAULT_ATTEMPTS)
        int maxAttempts();

        @WithDefault(EncoderSettings.DEFAULT_BACKOFF)
        Duration backoff();

        /** Per attempt, further capped by the invocation's remaining time. */
        @WithDefault(EncoderSettings.DEFAULT_ATTEMPT_TIMEOUT)
        Duration attemptTimeout();

        /** Consecutive failures that open the circuit. */
        @WithDefault(EncoderSettings.DEFAULT_BREAKER_FAILURES)
        int breakerFailures();

        @WithDefault(EncoderSettings.DEFAULT_BREAKER_OPEN)
        Duration breakerOpen();
    }

    interface Aws {
        @WithDefault(AwsSettings.DEFAULT_REGION)
        String region();

        Optional<URI> s3Endpoint();

        Optional<URI> dynamodbEndpoint();

        /** Local stand-ins only; in AWS the function's role is used. */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        @WithDefault(AwsSettings.DEFAULT_MAX_ATTEMPTS)
        int maxAttempts();

        @WithDefault(AwsSettings.DEFAULT_API_CALL_TIMEOUT)
        Duration apiCallTimeout();
    }

    interface Table {
        @WithDefault("adlens-labels")
        String name();

        /** Create the table at start-up when missing (local stacks; in AWS template.yaml owns it). */
        @WithDefault("false")
        boolean create();
    }

    interface Function {
        /** An object is not started with less invocation time left than this: it is handed back for a retry. */
        @WithDefault(AdlensSettings.DEFAULT_MIN_REMAINING_TEXT)
        Duration minRemaining();
    }
}
