package dev.adlens.aws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real local AWS stack for tests: runs {@code local-aws/local-aws start} (S3Proxy + dynalite on free loopback
 * ports), the same script `adlens dev` uses, and stops it again. One stack per state directory.
 */
public final class LocalAws implements AutoCloseable {
    private final Path stateDir;
    private final Map<String, String> env;

    private LocalAws(Path stateDir, Map<String, String> env) {
        this.stateDir = stateDir;
        this.env = env;
    }

    public static LocalAws start(String name) {
        Path state = Path.of("target", "local-aws", name).toAbsolutePath();
        run("start", state);
        try {
            Map<String, String> env = new HashMap<>();
            for (String line : Files.readAllLines(state.resolve("env"), StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    env.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return new LocalAws(state, env);
        } catch (IOException e) {
            throw new IllegalStateException("local-aws wrote no env file", e);
        }
    }

    public String s3Endpoint() {
        return env.get("ADLENS_S3_ENDPOINT");
    }

    public String dynamodbEndpoint() {
        return env.get("ADLENS_DYNAMODB_ENDPOINT");
    }

    public AwsSettings settings() {
        return AwsSettings.local(s3Endpoint(), dynamodbEndpoint());
    }

    /** Quarkus configuration that points the function at this stack. */
    public Map<String, String> quarkusConfig() {
        return Map.of("adlens.aws.s3-endpoint", s3Endpoint(), "adlens.aws.dynamodb-endpoint", dynamodbEndpoint(),
                "adlens.aws.access-key-id", env.get("AWS_ACCESS_KEY_ID"),
                "adlens.aws.secret-access-key", env.get("AWS_SECRET_ACCESS_KEY"), "adlens.table.create", "true");
    }

    private static void run(String verb, Path state) {
        Path script = Path.of("local-aws", "local-aws").toAbsolutePath();
        try {
            Process p = new ProcessBuilder(script.toString(), verb, state.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("local-aws " + verb + " failed; see " + state + "/*.log");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        run("stop", stateDir);
    }
}
