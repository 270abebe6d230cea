package dev.adlens.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reads what GraalVM's real builder reported about the function (native-build/analyse → target/native-analysis/):
 * the analysis finished and the relocatable object was written, the labeling pipeline is reachable from the Lambda
 * entry point, the JNI/reflection registrations for ONNX Runtime, JNA/Tess4J and the DJL tokenizer reached the
 * builder and their native methods are linked, the classes that load native libraries stay run-time initialised, the
 * native libraries and taxonomies are embedded, and no error, unsupported feature or unlisted warning was reported;
 * and what NativeConfigTest asks of the configuration reached the analysis: every ImageIO provider the shipped jars
 * list is instantiable (so TwelveMonkeys' JPEG and WebP readers are in the image, initialised at run time), JNA's
 * dispatch library finds its classes, and JNA can construct NativeLong for Tess4J's TimeVal.
 * Tagged: runs in CI's native-analysis stage (./adlens native-analysis), after the five-minute build it reads.
 */
@IntegrationTest
@Tag("native-analysis")
class NativeAnalysisReportTest {
    private static final Path OUT = Path.of("target/native-analysis");

    /** Warnings the builder prints that are not ours to fix, each with why (docs/native.md). */
    private static final List<String> KNOWN_WARNINGS = List.of(
            // Quarkus writes an (empty) proxy-config.json; GraalVM 25 deprecates the format. Ours moved to
            // reachability-metadata.json.
            "Option 'DynamicProxyConfigurationResources' is deprecated");

    private static Map<String, String> summary() throws IOException {
        Map<String, String> m = new HashMap<>();
        for (String line : Files.readAllLines(OUT.resolve("summary.txt"))) {
            int eq = line.indexOf('=');
            m.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return m;
    }

    /** The builder's own summary (-H:BuildOutputJSONFile). */
    private static JsonNode stats() throws IOException {
        try (Stream<Path> s = Files.list(OUT)) {
            Path file = s.filter(p -> p.toString().endsWith("-build-output-stats.json")).findFirst().orElseThrow();
            return new ObjectMapper().readTree(file.toFile());
        }
    }

    private static Path report(String prefix) throws IOException {
        try (Stream<Path> s = Files.list(OUT.resolve("reports"))) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow(
                    () -> new AssertionError("no " + prefix + "* in " + OUT.resolve("reports")));
        }
    }

    @Test
    void theAnalysisFinishedAndWroteARelocatableObject() throws IOException {
        Map<String, String> s = summary();
        assertThat(s.get("exit")).isEqualTo("0");
        Path object = OUT.resolve(s.get("object"));
        assertThat(object.getFileName().toString()).endsWith(".o");
        assertThat(Files.size(object)).isGreaterThan(10_000_000L);
        try (InputStream in = Files.newInputStream(object)) {
            byte[] header = in.readNBytes(18);
            assertThat(new String(header, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("ELF");
            assertThat(header[16]).as("ELF type ET_REL (relocatable)").isEqualTo((byte) 1);
        }
        String log = Files.readString(OUT.resolve("build.log"));
        assertThat(log).contains("[2/8] Performing analysis", "[6/8] Compiling methods", "[7/8] Laying out methods",
                "Finished generating");
        assertThat(log).doesNotContain("Error: ", "UnsupportedFeatureException", "Fatal error");
        List<String> warnings = log.lines().filter(l -> l.startsWith("Warning:") || l.startsWith("WARNING:"))
                .filter(l -> KNOWN_WARNINGS.stream().noneMatch(l::contains)).toList();
        assertThat(warnings).isEmpty();
    }

    @Test
    void theLabelingPipelineIsReachableFromBothHandlers() throws IOException {
        JsonNode stats = stats();
        assertThat(stats.at("/general_info/graalvm_version").asText()).contains("25.0.2");
        assertThat(stats.at("/analysis_results/methods/reachable").asInt()).isGreaterThan(50_000);
        String methods = Files.readString(report("used_methods_"));
        // the Lambda poll loop calls the handlers, and they reach every stage down to the native calls
        assertThat(methods).contains("dev.adlens.lambda.S3Handler.handleRequest(",
                "dev.adlens.lambda.ApiHandler.handleRequest(", "dev.adlens.pipeline.AdLabeler.label(",
                "dev.adlens.onnx.OnnxModel.", "dev.adlens.ocr.TesseractOcr.", "dev.adlens.store.LabelTable.",
                "ai.onnxruntime.OrtSession.run(", "net.sourceforge.tess4j.");
    }

    @Test
    void jniAndReflectionRegistrationsReachedTheBuilderAndTheNativeMethodsAreLinked() throws IOException {
        String args = Files.readString(OUT.resolve("args.txt"));
        assertThat(args).contains(
                "-H:JNIConfigurationResources=META-INF/native-image/dev.adlens/adlens/jni-config.json",
                "-H:ReflectionConfigurationResources=META-INF/native-image/dev.adlens/adlens/reflect-config.json",
                "-H:ReachabilityMetadataResources=META-INF/native-image/dev.adlens/adlens/reachability-metadata.json",
                "-H:ReflectionConfigurationResources=META-INF/native-image/reflect-config.json"); // Quarkus's own
        String log = Files.readString(OUT.resolve("build.log"));
        assertThat(log).contains("JNINativeLinkage: ai.onnxruntime.OrtSession.run(",
                "JNINativeLinkage: ai.onnxruntime.OnnxTensor.",
                "JNINativeLinkage: com.sun.jna.Native.invokePointer(",
                "JNINativeLinkage: ai.djl.huggingface.tokenizers.jni.TokenizersLibrary.");
        JsonNode stats = stats();
        // ours alone register 120 types for JNI (every ONNX Runtime class, every class JNA's dispatch library finds by
        // name, the tokenizer's) and 52 for reflection
        assertThat(stats.at("/analysis_results/types/jni").asInt()).isGreaterThanOrEqualTo(120);
        assertThat(stats.at("/analysis_results/types/reflection").asInt()).isGreaterThanOrEqualTo(52);
    }

    /**
     * What the builder made of the JNI registrations for the classes libjnidispatch finds by name (read from the
     * shipped JNA jar): their members are entry points of the analysis's call tree (-H:+PrintAnalysisCallTree), the
     * ones dispatch.c calls among them. Only JNA's interfaces have no member to enter.
     */
    @Test
    void everyClassJnasDispatchLibraryFindsByNameReachedTheBuilderForJni() throws Exception {
        Path jna;
        try (Stream<Path> s = Files.list(Path.of("target/native-inputs/source-jar/lib"))) {
            jna = s.filter(p -> p.getFileName().toString().contains(".jna-")).findFirst().orElseThrow();
        }
        Set<String> lookups;
        try (ZipFile jar = new ZipFile(jna.toFile())) {
            lookups = NativeConfig.dispatchLookups(jar.getInputStream(jar.getEntry(NativeConfig.JNA_DISPATCH)).readAllBytes());
        }
        Map<String, Set<String>> entryPoints = new HashMap<>();   // type -> name(parameters)
        for (String line : Files.readAllLines(report("call_tree_methods_"))) {
            String[] f = line.split(",");   // Id,Name,Type,Parameters,Return,Display,Flags,IsEntryPoint
            if (f.length == 8 && f[7].equals("true")) {
                entryPoints.computeIfAbsent(f[2], t -> new TreeSet<>()).add(f[1] + "(" + f[3] + ")");
            }
        }
        for (String name : lookups) {
            if (!Class.forName(name, false, getClass().getClassLoader()).isInterface()) {
                assertThat(entryPoints.get(name)).as(name + ": JNI members as entry points").isNotEmpty();
            }
        }
        assertThat(entryPoints.get("java.lang.System")).contains("getProperty(java.lang.String)");
        assertThat(entryPoints.get("java.nio.CharBuffer")).contains("array(empty)", "arrayOffset(empty)");
        assertThat(entryPoints.get("java.nio.DoubleBuffer")).contains("array(empty)", "arrayOffset(empty)");
        assertThat(entryPoints.get("java.lang.UnsatisfiedLinkError")).contains("<init>(java.lang.String)");
        assertThat(entryPoints.get("java.lang.Long")).contains("<init>(long)");
    }

    @Test
    void twelveMonkeysReadersAndJnasStructureTypesAreReachable() throws IOException {
        String methods = Files.readString(report("used_methods_"));
        // ServiceLoader instantiates every provider IIORegistry loads: each one's constructor is reachable, and through
        // ImageFormat.newReader the readers' decoding itself
        Set<String> providers = new TreeSet<>();
        try (Stream<Path> s = Files.list(Path.of("target/native-inputs/source-jar/lib"))) {
            for (Path lib : s.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (ZipFile jar = new ZipFile(lib.toFile())) {
                    providers.addAll(NativeConfig.providers(jar, NativeConfigTest.imageIoServices()));
                }
            }
        }
        assertThat(providers).isNotEmpty();
        for (String provider : providers) {
            assertThat(methods).as(provider + " instantiable").contains(provider + ".<init>(");
        }
        assertThat(methods).contains("com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReader.read(",
                "com.twelvemonkeys.imageio.plugins.webp.WebPImageReader.read(",
                "com.twelvemonkeys.imageio.stream.BufferedInputStreamImageInputStreamSpi.createInputStreamInstance(");
        // JNA: the library's loading, Tess4J's monitor structure and the NativeLong its TimeVal holds
        assertThat(methods).contains("com.sun.jna.Native.loadNativeDispatchLibrary(", "com.sun.jna.NativeLong.<init>()",
                "net.sourceforge.tess4j.ITessAPI$TimeVal.<init>(", "com.sun.jna.Structure.newInstance(");
    }

    @Test
    void classesThatLoadNativeLibrariesAreInitialisedAtRunTime() throws IOException {
        Map<String, String> kind = new HashMap<>();
        for (String line : Files.readAllLines(report("class_initialization_report_"))) {
            String[] f = line.split(", ", 3);
            if (f.length >= 2) {
                kind.put(f[0], f[1]);
            }
        }
        for (String c : List.of("ai.onnxruntime.OnnxRuntime", "ai.onnxruntime.OrtEnvironment", "com.sun.jna.Native",
                "net.sourceforge.tess4j.TessAPI", "ai.djl.huggingface.tokenizers.jni.LibUtils",
                "dev.adlens.onnx.OnnxModel", "dev.adlens.ocr.TesseractEngine", "dev.adlens.image.ImageDecoder",
                "software.amazon.awssdk.services.dynamodb.DynamoDbRetryPolicy",
                // its ImageTypeSpecifier constants are ImageIO objects: never in the image heap
                "com.twelvemonkeys.imageio.util.ImageTypeSpecifiers",
                "com.twelvemonkeys.imageio.plugins.webp.WebPImageReader")) {
            assertThat(kind.get(c)).as(c).isEqualTo("RUN_TIME");
        }
    }

    @Test
    void nativeLibrariesAndTaxonomiesAreEmbedded() throws IOException {
        JsonNode resources = new ObjectMapper().readTree(OUT.resolve("embedded-resources.json").toFile());
        List<String> names = new ArrayList<>();
        resources.forEach(r -> names.add(r.get("name").asText()));
        assertThat(names).contains("ai/onnxruntime/native/linux-x64/libonnxruntime.so",
                "ai/onnxruntime/native/linux-x64/libonnxruntime4j_jni.so", "com/sun/jna/linux-x86-64/libjnidispatch.so",
                "native/lib/linux-x86_64/cpu/libtokenizers.so", "taxonomy/iab-ad-product-2.0.json",
                "taxonomy/pitt-topics.json", "priming/ad.jpg");
    }
}
