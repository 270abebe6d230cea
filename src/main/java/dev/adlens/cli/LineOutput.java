package dev.adlens.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where a command's JSON lines go (a file, or standard output), with every write checked: a full disk, /dev/full or a
 * reader that went away ({@code | head -1}) is an {@link OutputFailed} naming the output and how many whole lines it
 * holds, never a run that reports success with lines missing (java.io.PrintStream, System.out included, swallows
 * write errors). One line per write, unbuffered: the count of lines written is exact.
 */
final class LineOutput implements AutoCloseable {
    private final OutputStream stream;
    private final String name;
    private final boolean owned;
    private int lines;

    private LineOutput(OutputStream stream, String name, boolean owned) {
        this.stream = stream;
        this.name = name;
        this.owned = owned;
    }

    /** {@code file}, or standard output when null. */
    static LineOutput to(Path file) throws IOException {
        return file == null ? new LineOutput(new FileOutputStream(FileDescriptor.out), "standard output", false)
                : new LineOutput(Files.newOutputStream(file), file.toString(), true);
    }

    /**
     * {@code file} cut back to its first {@code keep} bytes (the whole lines an earlier run wrote), new lines appended
     * after them.
     */
    static LineOutput appending(Path file, long keep) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.truncate(keep);
        }
        return new LineOutput(Files.newOutputStream(file, StandardOpenOption.APPEND), file.toString(), true);
    }

    void line(String json) throws OutputFailed {
        try {
            stream.write((json + "\n").getBytes(StandardCharsets.UTF_8));
            stream.flush();
            lines++;
        } catch (IOException e) {
            throw new OutputFailed(name, lines, e);
        }
    }

    @Override
    public void close() throws OutputFailed {
        if (!owned) {
            return;
        }
        try {
            stream.close();
        } catch (IOException e) {
            throw new OutputFailed(name, lines, e);
        }
    }

    /** Writing the output failed: it holds {@code lines} whole lines, the rest of the inputs have none. */
    static final class OutputFailed extends Exception {
        final int lines;

        OutputFailed(String name, int lines, IOException cause) {
            super("writing " + name + " failed after " + lines + " lines: " + cause.getMessage(), cause);
            this.lines = lines;
        }
    }
}
