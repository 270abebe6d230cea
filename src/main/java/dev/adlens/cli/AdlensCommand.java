package dev.adlens.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "adlens", mixinStandardHelpOptions = true, version = "adlens 0.1.0",
        description = "Label advertisement images with Pitt Ads topics and sentiments.",
        subcommands = {LabelCommand.class, DevCommand.class, ServeEncodersCommand.class, EncoderBenchCommand.class,
                ColdStartCommand.class, PutCommand.class, GetCommand.class, QueryCommand.class,
                FeaturesCommand.class, SynthCommand.class, BenchCommand.class, TextFeaturesCommand.class})
public final class AdlensCommand {
    public static void main(String[] args) {
        CliLogging.configure();
        System.exit(new CommandLine(new AdlensCommand()).setCaseInsensitiveEnumValuesAllowed(true).setExecutionExceptionHandler((e, cmd, parsed) -> {
            // a clear one-line reason for the user; the trace only on request
            cmd.getErr().println("adlens " + cmd.getCommandName() + ": " + e.getMessage());
            if (System.getenv("ADLENS_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        }).execute(args));
    }
}
