package dev.adlens.cli;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * The inputs named on a command line, expanded: directories recursively (sorted, hidden names skipped), symlinks
 * followed. Every name yields one entry, so every one gets an output line: what cannot be read (a FIFO, a socket, a
 * device, a broken or looping link, an unreadable directory) is an entry with its problem, never a silent skip or
 * an aborted run.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * One input: {@code path} as given or found; {@code key} the path relative to the directory it was found in
     * (the file name for a file named directly); a non-null {@code problem} says why it cannot be read.
     */
    record Input(Path path, String key, ErrorCode code, String problem) {
        boolean readable() {
            return problem == null;
        }
    }

    static List<Input> walk(List<Path> roots) {
        List<Input> out = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                walkDirectory(root, out);
            } else {
                out.add(check(root, root.getFileName() == null ? root.toString() : root.getFileName().toString()));
            }
        }
        return out;
    }

    /** Only the readable files (benchmarks, which measure and do not report per input). */
    public static List<Path> readable(List<Path> roots) {
        return walk(roots).stream().filter(Input::readable).map(Input::path).toList();
    }

    private static void walkDirectory(Path root, List<Input> out) {
        List<Input> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE
                                    : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (!hidden(file)) {
                                found.add(check(file, root.relativize(file).toString()));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            if (!hidden(file)) {
                                String why = e instanceof FileSystemLoopException ? "symbolic link loop"
                                        : e instanceof NoSuchFileException ? "broken symbolic link"
                                        : "cannot read: " + e.getMessage();
                                found.add(new Input(file, root.relativize(file).toString(), ErrorCode.IMAGE_NOT_FOUND,
                                        why));
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            found.add(new Input(root, root.toString(), ErrorCode.IMAGE_NOT_FOUND, "cannot read: " + e.getMessage()));
        }
        found.sort(Comparator.comparing(i -> i.path().toString()));
        out.addAll(found);
    }

    private static boolean hidden(Path p) {
        return p.getFileName() != null && p.getFileName().toString().startsWith(".");
    }

    /** A regular file (links followed) we may read; anything else is an entry with its problem. */
    private static Input check(Path p, String key) {
        if (!Files.exists(p)) {
            boolean link = Files.isSymbolicLink(p);
            return new Input(p, key, ErrorCode.IMAGE_NOT_FOUND, link ? "broken symbolic link" : "no such file");
        }
        if (!Files.isRegularFile(p)) {
            return new Input(p, key, ErrorCode.UNSUPPORTED_FORMAT, "not a regular file (FIFO, socket or device)");
        }
        if (!Files.isReadable(p)) {
            return new Input(p, key, ErrorCode.IMAGE_NOT_FOUND, "permission denied");
        }
        return new Input(p, key, null, null);
    }

    /**
     * The file's bytes, at most {@code maxBytes}: the size is checked first (a sparse 3 GB file is never read) and the
     * read stops one byte past the limit (the file may grow, or lie about its size, as /proc files do).
     *
     * @throws AdlensException the entry's problem, IMAGE_TOO_LARGE, or IMAGE_NOT_FOUND when reading fails
     */
    static byte[] read(Input input, long maxBytes) throws AdlensException {
        if (!input.readable()) {
            throw new AdlensException(input.code(), input.path() + ": " + input.problem());
        }
        try {
            long size = Files.size(input.path());
            if (size > maxBytes) {
                throw tooLarge(input, size, maxBytes);
            }
            try (InputStream in = Files.newInputStream(input.path())) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw tooLarge(input, bytes.length, maxBytes);
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new AdlensException(ErrorCode.IMAGE_NOT_FOUND, "cannot read " + input.path() + ": " + e.getMessage());
        }
    }

    private static AdlensException tooLarge(Input input, long size, long maxBytes) {
        return new AdlensException(ErrorCode.IMAGE_TOO_LARGE, input.path() + " is at least " + size + " bytes, limit "
                + maxBytes);
    }
}
