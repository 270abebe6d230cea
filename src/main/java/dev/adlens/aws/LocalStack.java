package dev.adlens.aws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local AWS stand-ins (S3Proxy + dynalite on free loopback ports), started and stopped with the project's
 * {@code local-aws/local-aws} script, for `adlens dev` and the integration tests alike. One stack per state directory.
 */
public final class LocalStack implements AutoCloseable {
    private final Path script;
    private final Path stateDir;
    private final Map<String, String> env;

    private LocalStack(Path script, Path stateDir, Map<String, String> env) {
        this.script = script;
        this.stateDir = stateDir;
        this.env = env;
    }

    /** The script under $ADLENS_HOME (set by ./adlens) or the working directory. */
    public static Path script() {
        return Path.of(System.getenv().getOrDefault("ADLENS_HOME", "."), "local-aws", "local-aws").toAbsolutePath();
    }

    /** A fresh, empty stack (tests). */
    public static LocalStack start(Path stateDir) {
        return start(stateDir, false);
    }

    /** With {@code persist}, objects and tables live under {@code stateDir} and survive a restart (`adlens dev`). */
    public static LocalStack start(Path stateDir, boolean persist) {
        Path state = stateDir.toAbsolutePath();
        Path script = script();
        run(script, persist ? List.of("start", state.toString(), "--persist") : List.of("start", state.toString()));
        return new LocalStack(script, state, readEnv(state));
    }

    /** The settings of a stack already running under {@code stateDir} (e.g. one `adlens dev` started). */
    public static AwsSettings attach(Path stateDir) {
        Map<String, String> env = readEnv(stateDir);
        return AwsSettings.local(env.get("ADLENS_S3_ENDPOINT"), env.get("ADLENS_DYNAMODB_ENDPOINT"));
    }

    /** The KEY=VALUE lines local-aws writes to STATE/env. */
    private static Map<String, String> readEnv(Path state) {
        try {
            Map<String, String> env = new HashMap<>();
            for (String line : Files.readAllLines(state.resolve("env"), StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    env.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return env;
        } catch (IOException e) {
            throw new IllegalStateException("no local stack at " + state + " (local-aws wrote no env file there)", e);
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

    private static void run(Path script, List<String> args) {
        // stopping must happen even on an interrupted thread (Ctrl-C, a cancelled `adlens dev`): wait uninterrupted
        boolean interrupted = Thread.interrupted();
        try {
            runScript(script, args);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void runScript(Path script, List<String> args) {
        try {
            List<String> command = new ArrayList<>(List.of(script.toString()));
            command.addAll(args);
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("local-aws " + args.get(0) + " failed; see " + args.get(1) + "/*.log");
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
        run(script, List.of("stop", stateDir.toString()));
    }
}
