package dev.adlens.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adlens.UnitTest;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input walking without models: every name found yields exactly one entry, readable or with its problem. */
@UnitTest
class InputFilesTest {
    @Test
    void everyEntryOfADirectoryIsAnInputOrAProblemNeverASkip(@TempDir Path dir) throws Exception {
        Files.write(Files.createDirectories(dir.resolve("sub1")).resolve("dup.jpg"), new byte[]{1});
        Files.write(Files.createDirectories(dir.resolve("sub2")).resolve("dup.jpg"), new byte[]{2});
        Files.writeString(dir.resolve(".hidden"), "not an input");
        Files.createDirectories(dir.resolve(".git")).resolve("x");
        Process fifo = new ProcessBuilder("mkfifo", dir.resolve("pipe").toString()).start();
        assertThat(fifo.waitFor()).isZero();
        Files.createSymbolicLink(dir.resolve("broken.jpg"), dir.resolve("gone.jpg"));
        Files.createSymbolicLink(dir.resolve("loop-a"), dir.resolve("loop-b"));
        Files.createSymbolicLink(dir.resolve("loop-b"), dir.resolve("loop-a"));
        Files.createSymbolicLink(dir.resolve("sub1").resolve("up"), dir); // a directory cycle
        Files.createSymbolicLink(dir.resolve("link.jpg"), dir.resolve("sub1/dup.jpg"));
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(dir.resolve("sock")));
            Map<String, InputFiles.Input> byKey = InputFiles.walk(List.of(dir)).stream()
                    .collect(Collectors.toMap(InputFiles.Input::key, i -> i));
            assertThat(byKey.keySet()).containsExactlyInAnyOrder("sub1/dup.jpg", "sub2/dup.jpg", "pipe", "broken.jpg",
                    "loop-a", "loop-b", "sub1/up", "link.jpg", "sock");
            assertThat(byKey.get("sub1/dup.jpg").readable()).isTrue();
            assertThat(byKey.get("link.jpg").readable()).isTrue(); // links to files are followed
            assertThat(byKey.get("pipe").code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
            assertThat(byKey.get("sock").code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
            assertThat(byKey.get("broken.jpg").problem()).isEqualTo("broken symbolic link");
            assertThat(byKey.get("sub1/up").problem()).isEqualTo("symbolic link loop");
            assertThat(byKey.get("loop-a").readable()).isFalse();
        }
    }

    @Test
    void namedFifosAndDevicesAreRefusedBeforeAnyRead(@TempDir Path dir) throws Exception {
        Path pipe = dir.resolve("pipe");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
        for (Path p : List.of(pipe, Path.of("/dev/zero"))) {
            InputFiles.Input in = InputFiles.walk(List.of(p)).get(0);
            assertThatThrownBy(() -> InputFiles.read(in, 20 << 20)) // would block forever / never end
                    .isInstanceOfSatisfying(AdlensException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT));
        }
    }

    @Test
    void aHugeSparseFileIsRefusedBySizeNotRead(@TempDir Path dir) throws Exception {
        Path sparse = dir.resolve("sparse.jpg");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(3L << 30); // 3 GB of holes: reading it whole was an OutOfMemoryError
        }
        InputFiles.Input in = InputFiles.walk(List.of(sparse)).get(0);
        assertThatThrownBy(() -> InputFiles.read(in, 20 << 20))
                .isInstanceOfSatisfying(AdlensException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE));
        Files.write(dir.resolve("small.jpg"), new byte[100]);
        assertThat(InputFiles.read(InputFiles.walk(List.of(dir.resolve("small.jpg"))).get(0), 100)).hasSize(100);
        assertThatThrownBy(() -> InputFiles.read(InputFiles.walk(List.of(dir.resolve("small.jpg"))).get(0), 99))
                .isInstanceOfSatisfying(AdlensException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE));
    }
}
