package dev.adlens.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "adlens", mixinStandardHelpOptions = true, version = "adlens 0.1.0",
        description = "Label advertisement images with Pitt Ads topics and sentiments.",
        subcommands = {LabelCommand.class, FeaturesCommand.class, SynthCommand.class, BenchCommand.class, TextFeaturesCommand.class})
public final class AdlensCommand {
    public static void main(String[] args) {
        System.exit(new CommandLine(new AdlensCommand()).execute(args));
    }
}
