package dev.adlens.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adlens.TestModels;
import io.quarkus.amazon.lambda.runtime.MockEventServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A function process started from {@code command}, polling its own mock Runtime API (Quarkus's, with Lambda's
 * deadline header: {@link PackagedFunctionIT.RuntimeApi}), configured by environment variables as template.yaml
 * configures the api function. Its output goes to {@code log}.
 */
final class FunctionProcess implements AutoCloseable {
    /**
     * JVM flags under which JNA cannot load its native dispatch library (not unpacked from its jar, not looked up on
     * the system): the pipeline's construction then fails with an Error ("Could not initialize class
     * com.sun.jna.Native"), as it did in a native image whose JNI configuration lacked JNA's classes.
     */
    static final List<String> JNA_UNLOADABLE = List.of("-Djna.nounpack=true", "-Djna.nosys=true");

    final MockEventServer api = new PackagedFunctionIT.RuntimeApi();
    final Process process;
    final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FunctionProcess(List<String> command, Path log) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        api.start(port);
        this.log = log;
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> e = pb.environment();
        e.put("AWS_LAMBDA_RUNTIME_API", "localhost:" + port + MockEventServer.BASE_PATH);
        e.put("AWS_REGION", "us-east-1");
        e.put("QUARKUS_LAMBDA_HANDLER", "api");
        e.put("ADLENS_MODELS", TestModels.dir().toAbsolutePath().toString());
        e.put("ADLENS_TESSDATA", TestModels.tessdata().toString());
        e.put("OMP_THREAD_LIMIT", "1");
        process = pb.start();
    }

    /** {@code java} with {@code jvmFlags} and then {@code main} (a class and its arguments, or -jar and a jar). */
    static List<String> java(List<String> jvmFlags, String... main) {
        List<String> c = new ArrayList<>(List.of("java", "-XX:+UseSerialGC"));
        c.addAll(jvmFlags);
        c.addAll(List.of(main));
        return c;
    }

    /**
     * Sends one event through the Runtime API and waits for the function's answer: 200 with its response, 500 with
     * the invocation error it posted.
     */
    HttpResponse<String> invoke(JsonNode event, Duration timeout) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + api.getPort()
                        + MockEventServer.POST_EVENT)).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event.toString())).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException timeoutOrRefused) {
            throw new AssertionError("no answer from the function; its log:\n" + Files.readString(log),
                    timeoutOrRefused);
        }
    }

    /** Takes the Runtime API away, as when Lambda is gone; true when the process then exits within {@code wait}. */
    boolean exitsWithoutTheApi(Duration wait) throws Exception {
        api.close();
        return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        api.close();
    }
}
