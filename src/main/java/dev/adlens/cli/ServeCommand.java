package dev.adlens.cli;

import dev.adlens.api.ApiSettings;
import dev.adlens.api.LabelsApi;
import dev.adlens.app.Adlens;
import dev.adlens.serve.ApiServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The HTTP API on this machine: the very {@link LabelsApi} the deployed api function calls, over the models here
 * (or the encoder endpoint, --encoder-url), behind {@link ApiServer}; storage is `adlens dev`'s local stack
 * ({@link ServeStorage}). What differs from the deployed API is only who the caller is (no authoriser: local:NAME)
 * and the absence of API Gateway's throttling.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the HTTP API (openapi.yaml) on localhost: the deployed API's own handler, these "
                + "models, `adlens dev`'s S3 and DynamoDB for store=true (docs/http-api.md).",
                "Local only: no authorisation; the caller is local:NAME (--caller, or an X-Adlens-Caller header)."})
final class ServeCommand implements Callable<Integer> {
    /** What one request may take: the deployed api function's timeout (template.yaml, Timeout: 29). */
    static final Duration REQUEST_DEADLINE = Duration.ofSeconds(29);

    @Mixin
    ModelOptions models;

    @Mixin
    AwsOptions aws;

    @Option(names = "--host", description = "address to bind (default: ${DEFAULT-VALUE}; anyone who can reach the "
            + "port can claim any caller)")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "port, 0 = any free one (default: ${DEFAULT-VALUE})")
    int port = 8080;

    @Option(names = "--caller", paramLabel = "NAME", description = "who a request without an X-Adlens-Caller header "
            + "is: the caller local:NAME, owner of what it stores with store=true (default: ${DEFAULT-VALUE})")
    String caller = "dev";

    /** A started server and what it owns; closed in reverse. */
    record Running(ApiServer server, ServeStorage storage, Adlens adlens) implements AutoCloseable {
        int port() {
            return server.port();
        }

        @Override
        public void close() throws Exception {
            try (adlens; storage) {
                server.close();
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        try (Running running = start()) {
            String where = host.contains(":") ? "[" + host + "]" : host;
            System.err.printf("adlens serve: http://%s:%d/v1/labels (openapi.yaml; docs/http-api.md), caller local:%s "
                    + "unless X-Adlens-Caller names another; storage: %s. Ctrl-C stops.%n", where, running.port(),
                    caller, aws.realAws ? "real AWS (--aws), table " + aws.table + ", bucket " + aws.bucket
                            : running.storage().available() ? "`adlens dev` at " + aws.state
                            : "none until `adlens dev` runs at " + aws.state + " (store=true, s3Uri and the stored "
                            + "labels answer 503 until then)");
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                System.err.println("adlens serve: listening beyond this machine: nothing is authorised here and any "
                        + "client can claim any caller name; use it on a network you trust");
            }
            new CountDownLatch(1).await();
        }
        return 0;
    }

    /** The models loaded, the server listening; the deployed API's limits, the bucket --bucket the only one readable. */
    Running start() throws Exception {
        Adlens adlens = Adlens.open(models.settings());
        try {
            ServeStorage storage = aws.realAws ? ServeStorage.aws(aws.settings(), aws.table)
                    : ServeStorage.dev(aws.state, aws.table);
            ApiSettings settings = new ApiSettings(Set.of(aws.bucket),
                    Long.parseLong(ApiSettings.DEFAULT_MAX_BODY_BYTES), adlens.settings().limits().maxBytes(), true);
            LabelsApi api = adlens.api(storage, adlens.ingest(storage, storage, Clock.systemUTC()), storage, settings,
                    Clock.systemUTC());
            ApiServer server = new ApiServer(new InetSocketAddress(host, port), api, caller, settings.maxBodyBytes(),
                    REQUEST_DEADLINE, line -> System.err.println("adlens serve: " + line));
            server.start();
            return new Running(server, storage, adlens);
        } catch (Exception | Error e) {
            adlens.close();
            throw e;
        }
    }
}
