package dev.adlens.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What `adlens dev` tells the other commands through its state directory: {@value #STARTING} (its process id, written
 * before anything else, so that a command started beside it knows it is coming), {@value #READY} (bucket, table and
 * the taxonomies it labels in, once the bucket and table exist) and local-aws's {@code env} (the endpoints). Only dev
 * writes them; `put`, `get`, `query` and `serve` read them.
 */
final class DevState {
    static final String STARTING = "starting";
    static final String READY = "ready";
    /**
     * How long a command waits for a dev that has not announced itself yet: `./adlens dev & ./adlens put …` starts
     * both JVMs at once, and dev writes {@value #STARTING} about a second into its start. Nothing announced after that
     * means nothing is coming (a wrong --state, dev not started): said at once, not after the long wait below.
     */
    static final Duration ANNOUNCE_GRACE = Duration.ofSeconds(5);
    /** How long a command waits for a dev that has announced itself (models loading, the stack starting). */
    static final Duration READY_WAIT = Duration.ofSeconds(120);

    /** The ready marker's content. */
    record Ready(String bucket, String table, Optional<List<String>> taxonomies) {
    }

    private DevState() {
    }

    /** Dev's first act: its process id, so that waiting commands can tell "starting" from "gone". */
    static void announce(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(STARTING), ProcessHandle.current().pid() + "\n");
    }

    /** Bucket and table exist: the first line as before, then the taxonomy ids (the first one is --category's). */
    static void markReady(Path dir, String bucket, String table, List<String> taxonomies) throws IOException {
        Files.writeString(dir.resolve(READY), bucket + " " + table + "\ntaxonomies " + String.join(",", taxonomies)
                + "\n");
    }

    static void clear(Path dir) {
        dir.resolve(READY).toFile().delete();
        dir.resolve(STARTING).toFile().delete();
    }

    /** The ready marker, when dev has written one (an older dev's marker names no taxonomies). */
    static Optional<Ready> ready(Path dir) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(READY), StandardCharsets.UTF_8);
            String[] first = lines.isEmpty() ? new String[0] : lines.get(0).strip().split(" ");
            Optional<List<String>> taxonomies = lines.stream().filter(l -> l.startsWith("taxonomies")).findFirst()
                    .map(l -> Arrays.stream(l.substring("taxonomies".length()).strip().split(","))
                            .filter(t -> !t.isBlank()).toList());
            return Optional.of(new Ready(first.length > 0 ? first[0] : "", first.length > 1 ? first[1] : "",
                    taxonomies));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The dev process that announced itself here and still runs. */
    static Optional<ProcessHandle> starting(Path dir) {
        try {
            long pid = Long.parseLong(Files.readString(dir.resolve(STARTING)).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** local-aws wrote its endpoints here: a stack was started (by dev, or by `local-aws start` alone). */
    static boolean hasStack(Path dir) {
        return Files.isRegularFile(dir.resolve("env"));
    }

    /**
     * Returns once dev is ready at {@code dir}, or at once when a stack runs there without dev; waits while a dev that
     * announced itself is starting. Fails with what to do when nothing is there or coming, when the dev it waited for
     * ended, or after {@code max}.
     */
    static void await(Path dir, Duration grace, Duration max, PrintStream err) {
        long start = System.nanoTime();
        boolean saidWaiting = false;
        Optional<ProcessHandle> seen = Optional.empty();
        while (ready(dir).isEmpty()) {
            Optional<ProcessHandle> dev = starting(dir);
            long waited = System.nanoTime() - start;
            if (dev.isEmpty()) {
                if (seen.isPresent()) {
                    throw new IllegalStateException("`adlens dev` (pid " + seen.get().pid() + ") at " + dir
                            + " ended before it was ready; see its output");
                }
                if (hasStack(dir)) {
                    return; // the servers alone (`local-aws start`): no dev will write a ready marker
                }
                if (waited >= grace.toNanos()) {
                    throw new IllegalStateException("no local stack at " + dir + ": `adlens dev` is not running "
                            + "there; start it (`./adlens dev &`), pass the --state it uses, or --aws for real AWS");
                }
            } else {
                seen = dev;
                if (waited >= max.toNanos()) {
                    throw new IllegalStateException("`adlens dev` (pid " + dev.get().pid() + ") at " + dir
                            + " is still not ready after " + max.toSeconds() + " s; see its output");
                }
                if (!saidWaiting) {
                    err.println("waiting for `adlens dev` to be ready (" + dir.resolve(READY) + ") ...");
                    saidWaiting = true;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for `adlens dev`");
            }
        }
    }
}
