package dev.adlens.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code adlens} command line: its commands are registered by {@link #commandLine(String...)}. */
@Command(name = "adlens", mixinStandardHelpOptions = true, version = "adlens 0.1.0",
        description = "Label advertisement images with Pitt Ads topics and sentiments.",
        // the launcher's own commands (adlens, scripts/): one usage text, this one, for both
        footer = {"", "The launcher's own commands (./adlens; set-up and builds: scripts/setup):",
                "  setup [PKG...]          Install the prerequisites (and PKGs) with apt-get.",
                "  build                   Build now (each command otherwise builds when stale).",
                "  test [--unit]           The test suite, what CI runs; --unit: the unit tier.",
                "  jmh [JMH ARGS]          JMH benchmarks, e.g. ./adlens jmh VisualEncoderBench.",
                "  models build|verify     Rebuild models/ from pinned sources / compare bytes.",
                "  package                 The JVM function.zip (trimmed).",
                "  deploy --stack NAME     Build, publish the layer, sam deploy, smoke test",
                "                            (docs/deploy.md).",
                "  native-analysis         GraalVM's builder on the function up to the object",
                "                            file (~7 min)."})
public final class AdlensCommand {
    /** The product's commands; the measurement tools come from the classpath ({@link Tool}). */
    private static final List<Class<?>> COMMANDS = List.of(LabelCommand.class, DevCommand.class,
            ServeCommand.class, ServeEncodersCommand.class, SmokeCommand.class, PutCommand.class, GetCommand.class, QueryCommand.class, FeaturesCommand.class,
            SynthCommand.class, TextFeaturesCommand.class, QualityFeaturesCommand.class, TaxonomyCommand.class);

    public static void main(String[] args) {
        CliLogging.configure();
        int exit = commandLine(args).setCaseInsensitiveEnumValuesAllowed(true).setExecutionExceptionHandler((e, cmd, parsed) -> {
            // a clear one-line reason for the user; the trace only on request
            cmd.getErr().println("adlens " + cmd.getCommandName() + ": " + e.getMessage());
            if (System.getenv("ADLENS_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        }).execute(args);
        // System.out (a PrintStream) swallows write errors: a command that printed into a full disk or a closed pipe
        // must not exit as if its output were whole (label checks every line itself, and stops at the first)
        System.out.flush();
        if (System.out.checkError() && exit == 0) {
            System.err.println("adlens: writing standard output failed; what was printed is incomplete");
            exit = 1;
        }
        System.exit(exit);
    }

    /**
     * The command line for {@code args}. When the first argument names a command, only that command is registered:
     * picocli reflects over every registered command (fields, methods, the types in their signatures, static
     * initialisers), which cost ~0.3 s of a 2 s start to the first label here for commands that were never run.
     * Anything else (no arguments, {@code --help}, a misspelt command) gets every command, for the usage and the
     * suggestions. The measurement tools (bench, bench-encoders, coldstart: src/tools) are found on the classpath
     * without being instantiated: the command line does not depend on them, they depend on it.
     */
    static CommandLine commandLine(String... args) {
        List<Class<?>> all = new ArrayList<>(COMMANDS);
        ServiceLoader.load(Tool.class).stream().forEach(tool -> all.add(tool.type()));
        String first = args.length == 0 ? "" : args[0];
        List<Class<?>> named = all.stream().filter(c -> c.getAnnotation(Command.class).name().equals(first)).toList();
        CommandLine cl = new CommandLine(new AdlensCommand());
        for (Class<?> command : named.isEmpty() ? all : named) {
            cl.addSubcommand(command);
        }
        // picocli answers --help before it refuses what it could not match: `adlens api --help` printed the top-level
        // help and exited 0, as if `api` were a command; refused here like a misspelt command without --help
        cl.setExecutionStrategy(parsed -> {
            if (!parsed.unmatched().isEmpty()) {
                throw new CommandLine.UnmatchedArgumentException(parsed.commandSpec().commandLine(), parsed.unmatched());
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl;
    }

    /** A picocli command from the tools source set, registered in its META-INF/services. */
    public interface Tool {
    }
}
