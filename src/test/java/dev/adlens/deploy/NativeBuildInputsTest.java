package dev.adlens.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Quarkus's native build step hands native-image (recorded by native-build/check-inputs with the stand-in
 * native-image; ./adlens test runs it first): the arguments, and the configuration inside the application jar.
 */
@IntegrationTest
@org.junit.jupiter.api.Tag("native-analysis") // reads native-build/check-inputs' output: the native-analysis stage makes it
class NativeBuildInputsTest {
    static final Path INPUTS = Path.of("target", "native-inputs");
    static final ObjectMapper JSON = new ObjectMapper();
    static List<String> args;
    static Path runnerJar;

    @BeforeAll
    static void load() throws IOException {
        assertThat(INPUTS.resolve("native-image-args.txt"))
                .as("run native-build/check-inputs first (./adlens test does)").exists();
        args = Files.readAllLines(INPUTS.resolve("native-image-args.txt"));
        try (Stream<Path> s = Files.list(INPUTS.resolve("source-jar"))) {
            runnerJar = s.filter(p -> p.toString().endsWith("-runner.jar")).findFirst().orElseThrow();
        }
    }

    static JsonNode config(String name) throws IOException {
        try (ZipFile jar = new ZipFile(runnerJar.toFile())) {
            ZipEntry e = jar.getEntry("META-INF/native-image/dev.adlens/adlens/" + name);
            assertThat(e).as(name + " in the application jar").isNotNull();
            return JSON.readTree(jar.getInputStream(e));
        }
    }

    static Set<String> names(JsonNode entries) {
        Set<String> out = new HashSet<>();
        entries.forEach(e -> out.add(e.path("name").asText()));
        return out;
    }

    @Test
    void buildArgumentsCarryTheMarchAndRunTimeInitialisation() {
        assertThat(args).contains("-march=x86-64-v2");
        String init = args.stream().filter(a -> a.startsWith("--initialize-at-run-time=")).findFirst().orElseThrow();
        assertThat(List.of(init.substring(init.indexOf('=') + 1).split(",")))
                .contains("ai.onnxruntime", "ai.djl", "dev.adlens.text", "com.sun.jna", "net.sourceforge.tess4j",
                        "dev.adlens.onnx", "dev.adlens.ocr", "dev.adlens.image", "com.twelvemonkeys");
        assertThat(args).contains("--no-fallback");
        assertThat(args.stream().filter(a -> a.startsWith("--features=")).findFirst().orElseThrow())
                .contains("io.quarkus.runner.Feature", "io.quarkus.awt.runtime.graal.AwtFeature");
    }

    @Test
    void jniConfigurationCoversOnnxRuntimeAndJna() throws IOException {
        Set<String> jni = names(config("jni-config.json"));
        assertThat(jni).contains("ai.onnxruntime.OnnxTensor", "ai.onnxruntime.OrtException", "ai.onnxruntime.TensorInfo",
                "ai.onnxruntime.OrtSession$Result", "com.sun.jna.Native", "com.sun.jna.Pointer", "com.sun.jna.Structure",
                "ai.djl.huggingface.tokenizers.jni.TokenizersLibrary", "ai.djl.huggingface.tokenizers.jni.CharSpan");
        // every ONNX Runtime class the jar has: an ORT upgrade that adds one fails here until the config is regenerated
        Path ortJar;
        try (Stream<Path> s = Files.list(INPUTS.resolve("source-jar/lib"))) {
            ortJar = s.filter(p -> p.getFileName().toString().contains("onnxruntime")).findFirst().orElseThrow();
        }
        List<String> ortClasses = new ArrayList<>();
        try (ZipFile jar = new ZipFile(ortJar.toFile())) {
            jar.stream().map(ZipEntry::getName).filter(n -> n.startsWith("ai/onnxruntime/") && n.endsWith(".class"))
                    .forEach(n -> ortClasses.add(n.substring(0, n.length() - 6).replace('/', '.')));
        }
        assertThat(ortClasses).isNotEmpty();
        assertThat(jni).containsAll(ortClasses);
    }

    /** NativeConfigTest's guards against the jars the function ships with rather than the test class path. */
    @Test
    void everyShippedImageIoProviderAndEveryClassJnaFindsByNameIsRegistered() throws IOException {
        Map<String, JsonNode> reflect = NativeConfig.byName(config("reflect-config.json"));
        Map<String, JsonNode> jni = NativeConfig.byName(config("jni-config.json"));
        Set<String> providers = new TreeSet<>();
        Set<String> lookups = new TreeSet<>();
        try (Stream<Path> s = Files.list(INPUTS.resolve("source-jar/lib"))) {
            for (Path lib : s.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (ZipFile jar = new ZipFile(lib.toFile())) {
                    providers.addAll(NativeConfig.providers(jar, NativeConfigTest.imageIoServices()));
                    ZipEntry dispatch = jar.getEntry(NativeConfig.JNA_DISPATCH);
                    if (dispatch != null) {
                        lookups.addAll(NativeConfig.dispatchLookups(jar.getInputStream(dispatch).readAllBytes()));
                    }
                }
            }
        }
        assertThat(providers).contains("com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi");
        assertThat(lookups).contains("java.nio.CharBuffer", "java.lang.System", "com.sun.jna.Native");
        for (String provider : providers) {
            assertThat(NativeConfig.registers(reflect.get(provider), "<init>")).as(provider).isTrue();
        }
        assertThat(jni.keySet()).containsAll(lookups);
    }

    @Test
    void reflectionProxyAndResourcesCoverTess4jHandlersAndNatives() throws IOException {
        Set<String> reflect = names(config("reflect-config.json"));
        assertThat(reflect).contains("dev.adlens.lambda.S3Handler", "dev.adlens.lambda.ApiHandler",
                "net.sourceforge.tess4j.ITessAPI$TessBaseAPI", "net.sourceforge.tess4j.ITessAPI$ETEXT_DESC");
        assertThat(config("reachability-metadata.json").toString()).contains("proxy", "net.sourceforge.tess4j.TessAPI");
        String resources = config("resource-config.json").toString();
        assertThat(resources).contains("ai/onnxruntime/native/linux-x64/", "com/sun/jna/linux-x86-64/libjnidispatch.so",
                "taxonomy/", "native/lib/linux-x86_64/cpu/libtokenizers.so");
        try (ZipFile jar = new ZipFile(runnerJar.toFile())) {
            assertThat(jar.getEntry("taxonomy/topics_list.txt")).isNotNull();
            assertThat(jar.getEntry("priming/ad.jpg")).isNotNull();
        }
    }
}
