package dev.adlens.cli;

import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Logging for the command-line tool: one line per record on stderr, level from {@code ADLENS_LOG} (default WARNING;
 * INFO shows the per-image ingest and encoder-path lines). Quarkus configures the Lambda functions' logging itself;
 * the CLI starts no Quarkus, and JBoss LogManager 3 has no handler until one is installed, so this installs it.
 */
final class CliLogging {
    private CliLogging() {
    }

    static void configure() {
        Level level = level(System.getenv().getOrDefault("ADLENS_LOG", "WARNING"));
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.ALL);
        console.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String message = formatMessage(r);
                String shortName = r.getLoggerName() == null ? "" : r.getLoggerName()
                        .substring(r.getLoggerName().lastIndexOf('.') + 1);
                return String.format("%1$tT %2$-7s [%3$s] %4$s%n", r.getMillis(), r.getLevel().getName(), shortName,
                        message) + (r.getThrown() == null ? "" : r.getThrown() + System.lineSeparator());
            }
        });
        root.addHandler(console);
        root.setLevel(level);
        // DJL (the tokenizer's library) probes for CUDA at start and warns on every CPU-only machine: not ours to report
        Logger.getLogger("ai.djl.util.cuda").setLevel(Level.SEVERE);
    }

    private static Level level(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "DEBUG", "FINE" -> Level.FINE;
            case "INFO" -> Level.INFO;
            case "ERROR", "SEVERE" -> Level.SEVERE;
            case "OFF" -> Level.OFF;
            default -> Level.WARNING;
        };
    }
}
