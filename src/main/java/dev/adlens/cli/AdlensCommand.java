package dev.adlens.cli;

import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "adlens", mixinStandardHelpOptions = true, version = "adlens 0.1.0",
        description = "Label advertisement images with Pitt Ads topics and sentiments.",
        subcommands = {LabelCommand.class, DevCommand.class, ServeEncodersCommand.class, PutCommand.class,
                GetCommand.class, QueryCommand.class, FeaturesCommand.class, SynthCommand.class,
                TextFeaturesCommand.class})
public final class AdlensCommand {
    public static void main(String[] args) {
        CliLogging.configure();
        System.exit(commandLine().setCaseInsensitiveEnumValuesAllowed(true).setExecutionExceptionHandler((e, cmd, parsed) -> {
            // a clear one-line reason for the user; the trace only on request
            cmd.getErr().println("adlens " + cmd.getCommandName() + ": " + e.getMessage());
            if (System.getenv("ADLENS_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        }).execute(args));
    }

    /**
     * The commands, with the measurement tools (bench, bench-encoders, coldstart: src/tools, {@link Tool}) found on
     * the classpath: the command line does not depend on them, they depend on it.
     */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new AdlensCommand());
        for (Tool tool : ServiceLoader.load(Tool.class)) {
            cl.addSubcommand(tool);
        }
        return cl;
    }

    /** A picocli command from the tools source set, registered in its META-INF/services. */
    public interface Tool {
    }
}
