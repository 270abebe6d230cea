package dev.adlens.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The JVM function.zip as `mvn package` leaves it (Quarkus legacy-jar zip, trimmed by
 * native-build/trim-function-zip.py): contents and Lambda's size budget.
 */
@IntegrationTest
class FunctionZipIT {
    static final Path ZIP = Path.of("target", "function.zip");
    /** Direct upload limit for a zipped deployment package. */
    static final long MAX_ZIPPED = 50L * 1000 * 1000;
    /** Lambda allows 250 MB unpacked for function + layers; the data layer takes ~39 MB: keep the function ≤ 150. */
    static final long MAX_UNPACKED = 150L * 1000 * 1000;

    @Test
    void theJvmPackageHoldsTheFunctionAndOnlyLinuxX64Natives() throws IOException {
        assertThat(ZIP).as("run ./adlens package first (./adlens test does)").exists();
        assertThat(Files.size(ZIP)).isLessThan(MAX_ZIPPED);
        long unpacked = 0;
        List<String> names = new ArrayList<>();
        List<String> foreignNatives = new ArrayList<>();
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                names.add(e.getName());
                unpacked += e.getSize();
                if (e.getName().startsWith("lib/") && e.getName().endsWith(".jar")) {
                    try (InputStream in = zip.getInputStream(e); ZipInputStream jar = new ZipInputStream(in)) {
                        for (ZipEntry inner; (inner = jar.getNextEntry()) != null; ) {
                            String n = inner.getName();
                            boolean nativeLib = n.endsWith(".so") || n.endsWith(".dll") || n.endsWith(".dylib")
                                    || n.endsWith(".jnilib");
                            // ONNX Runtime, JNA and DJL tokenizers spell the platform three ways
                            if (nativeLib && !(n.contains("linux-x64/") || n.contains("linux-x86-64/")
                                    || n.contains("linux-x86_64/"))) {
                                foreignNatives.add(e.getName() + "!" + n);
                            }
                        }
                    }
                }
            }
        }
        assertThat(unpacked).isLessThan(MAX_UNPACKED);
        assertThat(foreignNatives).isEmpty();
        assertThat(names).contains("dev/adlens/lambda/S3Handler.class", "dev/adlens/lambda/ApiHandler.class",
                "dev/adlens/lambda/Priming.class", "priming/ad.jpg", "application.properties");
        assertThat(names).anyMatch(n -> n.startsWith("lib/") && n.contains("onnxruntime"));
        assertThat(names).noneMatch(n -> n.contains("junit") || n.contains("rest-assured") || n.contains("jmh"));
        // tools are not the function: no CLI (benchmarks, cold-start tool, Runtime API emulator), no encoder server
        assertThat(names).noneMatch(n -> n.matches("dev/adlens/(cli|tools|serve|dataset|synth|pitt|report)/.+"));
        // nor the dev-only stand-ins: the local S3Proxy/dynalite stack and the Lambda Context of `adlens dev`
        assertThat(names).noneMatch(n -> n.matches("dev/adlens/(aws/LocalStack|lambda/LocalContext)[.$].*"));
        System.out.printf("function.zip: %.1f MB zipped, %.1f MB unpacked%n", Files.size(ZIP) / 1e6, unpacked / 1e6);
    }
}
