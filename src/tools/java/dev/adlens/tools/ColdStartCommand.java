package dev.adlens.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adlens.cli.AdlensCommand;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Cold start of the JVM package: unpacks target/function.zip, starts it as Lambda's java21 runtime does (the AWS
 * runtime interface client loading QuarkusStreamHandler, polling the Runtime API, here a local emulator) and
 * measures process start → ready for the first event (init) → first label answered, with {@code adlens.prime=off}
 * and {@code =startup}, alternating. (SnapStart's checkpoint/restore itself cannot run here: no CRaC JVM.)
 */
@Command(name = "coldstart", mixinStandardHelpOptions = true,
        description = "Measure the JVM function.zip's cold start (init and first label) with and without priming.")
public final class ColdStartCommand implements Callable<Integer>, AdlensCommand.Tool {
    @Parameters(arity = "0..1", description = "the image to label (default: samples/travel-skyline-safari.jpg)")
    Path image = Path.of("samples/travel-skyline-safari.jpg");

    @Option(names = "--zip", description = "the JVM function package (default: ${DEFAULT-VALUE})")
    Path zip = Path.of("target/function.zip");

    @Option(names = "--runs", description = "runs per variant (default: ${DEFAULT-VALUE})")
    int runs = 3;

    @Option(names = "--ric", description = "directory with the AWS Lambda Java runtime interface client jars, as the "
            + "java21 runtime runs functions (default: ${DEFAULT-VALUE}, written by mvn dependency:copy@lambda-runtime)")
    Path ric = Path.of("target", "lambda-runtime");

    @Option(names = "--models", description = "models directory (default: $ADLENS_MODELS or ./models)")
    Path models = Path.of(System.getenv().getOrDefault("ADLENS_MODELS", "models"));

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        Path app = unpack(zip);
        byte[] event = apiEvent(Files.readAllBytes(image));
        Map<String, List<long[]>> results = Map.of("off", new ArrayList<>(), "startup", new ArrayList<>());
        for (int r = 0; r < runs; r++) {
            for (String mode : r % 2 == 0 ? List.of("off", "startup") : List.of("startup", "off")) {
                results.get(mode).add(once(app, mode, event));
            }
        }
        System.out.printf("cold start of %s (%d runs each, JVM %s, same machine as everything else)%n", zip, runs,
                System.getProperty("java.version"));
        System.out.println("| adlens.prime | init (start → ready) ms | first label ms | start → first label ms |");
        System.out.println("|---|---|---|---|");
        for (String mode : List.of("off", "startup")) {
            List<long[]> v = results.get(mode);
            System.out.printf("| %s | %d | %d | %d |%n", mode, median(v, 0), median(v, 1), median(v, 2));
        }
        return 0;
    }

    /** @return {init ms, first invocation ms, total ms} */
    private long[] once(Path app, String prime, byte[] event) throws Exception {
        try (RuntimeApiEmulator api = new RuntimeApiEmulator(event)) {
            // as Lambda's java21 runtime starts a function: its JVM flags, the runtime interface client, the handler
            ProcessBuilder pb = new ProcessBuilder("java", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-cp", app + File.pathSeparator + app.resolve("lib") + "/*" + File.pathSeparator
                    + ric + "/*", "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                    "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest").redirectErrorStream(true)
                    .redirectOutput(app.resolveSibling("coldstart-" + prime + ".log").toFile());
            Map<String, String> env = pb.environment();
            env.put("AWS_LAMBDA_RUNTIME_API", api.address());
            env.put("QUARKUS_LAMBDA_HANDLER", "api");
            env.put("ADLENS_PRIME", prime);
            env.put("ADLENS_MODELS", models.toAbsolutePath().toString());
            env.put("AWS_REGION", "us-east-1");
            env.put("OMP_THREAD_LIMIT", "1");
            long start = System.nanoTime();
            Process p = pb.start();
            try {
                RuntimeApiEmulator.Result r = api.result().get(120, TimeUnit.SECONDS);
                JsonNode out = JSON.readTree(r.body());
                if (r.error() || out.path("statusCode").asInt() != 200
                        || !JSON.readTree(out.path("body").asText()).path("topics").isArray()) {
                    throw new IllegalStateException("first invocation failed: " + r.body());
                }
                return new long[]{(r.readyNanos() - start) / 1_000_000, (r.doneNanos() - r.readyNanos()) / 1_000_000,
                        (r.doneNanos() - start) / 1_000_000};
            } finally {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private static byte[] apiEvent(byte[] image) throws Exception {
        ObjectNode e = JSON.createObjectNode().put("version", "2.0").put("routeKey", "$default")
                .put("rawPath", "/v1/labels").put("rawQueryString", "");
        e.putObject("headers").put("content-type", "image/jpeg");
        ObjectNode context = e.putObject("requestContext").put("requestId", "coldstart");
        context.putObject("http").put("method", "POST").put("path", "/v1/labels");
        // the API answers only identified callers (template.yaml: IAM authoriser)
        context.putObject("authorizer").putObject("iam").put("userArn", "arn:aws:iam::123456789012:user/coldstart");
        e.put("body", Base64.getEncoder().encodeToString(image)).put("isBase64Encoded", true);
        return JSON.writeValueAsBytes(e);
    }

    private static Path unpack(Path zip) throws Exception {
        Path dir = zip.toAbsolutePath().resolveSibling("coldstart").resolve("app");
        if (Files.isDirectory(dir) && Files.getLastModifiedTime(dir).compareTo(Files.getLastModifiedTime(zip)) > 0) {
            return dir;
        }
        unzip(zip, dir);
        Files.setLastModifiedTime(dir, FileTime.fromMillis(System.currentTimeMillis()));
        return dir;
    }

    /** A function package unpacked as Lambda unpacks it (also PackagedFunctionIT's); no entry may leave {@code dir}. */
    public static Path unzip(Path zip, Path dir) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("zip entry outside the target: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(z.getInputStream(e), target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return dir;
    }

    private static long median(List<long[]> v, int i) {
        List<Long> s = new ArrayList<>();
        v.forEach(x -> s.add(x[i]));
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
