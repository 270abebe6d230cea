package dev.adlens.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;
import dev.adlens.UnitTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import javax.imageio.spi.IIORegistry;
import net.sourceforge.tess4j.ITessAPI;
import org.junit.jupiter.api.Test;

/**
 * The committed native configuration (native-build/gen-native-config.py) against the libraries on the class path, for
 * the three kinds of gap a linked run of the function found and nothing short of a run shows: a ServiceLoader
 * provider that cannot be instantiated (Quarkus builds with GraalVM's ServiceLoader feature off), a class JNA's
 * dispatch library cannot find by name when it loads (JNI), and a JNA type in Tess4J's structures that JNA cannot
 * construct (reflection). Each side is read from the libraries themselves, so an upgrade that adds one fails here
 * until the configuration is regenerated. The builder's side: NativeAnalysisReportTest.
 */
@UnitTest
class NativeConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode config(String name) throws IOException {
        try (InputStream in = NativeConfigTest.class.getClassLoader().getResourceAsStream(NativeConfig.DIR + name)) {
            assertThat(in).as(name + " on the class path").isNotNull();
            return JSON.readTree(in);
        }
    }

    /** The services ImageIO.scanForPlugins (ImageDecoder) loads with ServiceLoader: IIORegistry's categories. */
    static Set<String> imageIoServices() {
        Set<String> out = new TreeSet<>();
        for (Iterator<Class<?>> it = IIORegistry.getDefaultInstance().getCategories(); it.hasNext(); ) {
            out.add(it.next().getName());
        }
        return out;
    }

    @Test
    void everyProviderOfAServiceTheFunctionLoadsIsRegisteredWithItsNoArgConstructor() throws Exception {
        Map<String, JsonNode> reflect = NativeConfig.byName(config("reflect-config.json"));
        Set<String> services = imageIoServices();
        assertThat(services).contains("javax.imageio.spi.ImageReaderSpi", "javax.imageio.spi.ImageInputStreamSpi");
        List<Pattern> resources = new ArrayList<>();
        config("resource-config.json").at("/resources/includes").forEach(r -> resources.add(Pattern.compile(r.path("pattern").asText())));
        Set<String> providers = new TreeSet<>();
        for (String service : services) {
            String file = "META-INF/services/" + service;
            for (URL url : Collections.list(getClass().getClassLoader().getResources(file))) {
                try (InputStream in = url.openStream()) {
                    providers.addAll(NativeConfig.providers(in));
                }
                assertThat(resources).as(file + " is an image resource").anyMatch(p -> p.matcher(file).matches());
            }
        }
        assertThat(providers).contains("com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi",
                "com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi",
                "com.twelvemonkeys.imageio.stream.BufferedFileImageInputStreamSpi");
        for (String provider : providers) {
            assertThat(NativeConfig.registers(reflect.get(provider), "<init>"))
                    .as(provider + " registered for reflection with its no-arg constructor").isTrue();
            assertThat(Class.forName(provider, false, getClass().getClassLoader()).getConstructor()).isNotNull();
        }
    }

    @Test
    void theBuiltInTaxonomiesAndPolicyAreResourcesOfTheImage() throws Exception {
        List<Pattern> resources = new ArrayList<>();
        config("resource-config.json").at("/resources/includes").forEach(r -> resources.add(Pattern.compile(r.path("pattern").asText())));
        String includes = new String(getClass().getClassLoader().getResourceAsStream("application.properties")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.startsWith("quarkus.native.resources.includes=")).findFirst().orElseThrow();
        for (String file : List.of("policy/default.json", "taxonomy/iab-ad-product-2.0.json")) {
            assertThat(getClass().getClassLoader().getResource(file)).as(file).isNotNull();
            assertThat(resources).as(file + " in resource-config.json").anyMatch(p -> p.matcher(file).matches());
            assertThat(includes).as(file + " in quarkus.native.resources.includes")
                    .contains(file.substring(0, file.indexOf('/')) + "/**");
        }
    }

    @Test
    void everyClassJnasDispatchLibraryFindsByNameIsRegisteredForJni() throws IOException, ClassNotFoundException {
        byte[] library;
        try (InputStream in = Native.class.getClassLoader().getResourceAsStream(NativeConfig.JNA_DISPATCH)) {
            assertThat(in).as(NativeConfig.JNA_DISPATCH).isNotNull();
            library = in.readAllBytes();
        }
        Set<String> lookups = NativeConfig.dispatchLookups(library);
        // what JNA 5.8.0's dispatch.c looks up beside JNA's own classes: JNI_OnLoad's core IDs, System (jna.encoding)
        // and the exceptions throwByName throws; the first linked image lacked the buffers, System and the exceptions
        assertThat(lookups).contains("java.lang.Object", "java.lang.Class", "java.lang.reflect.Method",
                "java.lang.String", "java.nio.Buffer", "java.nio.ByteBuffer", "java.nio.CharBuffer", "java.nio.ShortBuffer",
                "java.nio.IntBuffer", "java.nio.LongBuffer", "java.nio.FloatBuffer", "java.nio.DoubleBuffer",
                "java.lang.Void", "java.lang.Boolean", "java.lang.Byte", "java.lang.Character", "java.lang.Short",
                "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double", "java.lang.System",
                "java.lang.UnsatisfiedLinkError", "java.lang.IllegalArgumentException", "java.lang.IllegalStateException",
                "java.lang.UnsupportedOperationException", "java.lang.OutOfMemoryError", "java.lang.Error",
                "com.sun.jna.Native", "com.sun.jna.Pointer", "com.sun.jna.Structure", "com.sun.jna.LastErrorException");
        Map<String, JsonNode> jni = NativeConfig.byName(config("jni-config.json"));
        for (String name : lookups) {
            JsonNode entry = jni.get(name);
            assertThat(entry).as(name + " registered for JNI").isNotNull();
            if (Throwable.class.isAssignableFrom(Class.forName(name, false, getClass().getClassLoader()))) {
                assertThat(NativeConfig.registers(entry, "<init>", "java.lang.String")).as(name + "(String) for ThrowNew").isTrue();
            }
        }
        assertThat(NativeConfig.registers(jni.get("java.lang.System"), "getProperty", "java.lang.String")).isTrue();
        for (String box : List.of("Boolean", "Byte", "Character", "Short", "Integer", "Long", "Float", "Double")) {
            assertThat(jni.get("java.lang." + box).path("allDeclaredFields").asBoolean()).as(box + ".value, TYPE").isTrue();
        }
    }

    @Test
    void everyJnaTypeInTess4jsStructuresIsConstructibleByReflection() throws Exception {
        Set<Class<?>> roots = new LinkedHashSet<>();
        Path jar = Path.of(ITessAPI.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (ZipFile z = new ZipFile(jar.toFile())) {
            for (String name : z.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).toList()) {
                try {
                    Class<?> c = Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false,
                            getClass().getClassLoader());
                    if (Structure.class.isAssignableFrom(c)) {
                        roots.add(c);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // a Tess4J utility whose optional dependency is not shipped: not a Structure JNA can meet
                }
            }
        }
        Set<Class<?>> constructed = new LinkedHashSet<>();
        Set<Class<?>> structures = NativeConfig.structuresAndFieldTypes(roots, constructed);
        assertThat(structures).contains(ITessAPI.ETEXT_DESC.class, ITessAPI.TimeVal.class, ITessAPI.EANYCODE_CHAR.class);
        assertThat(constructed).contains(NativeLong.class, ITessAPI.TimeVal.class);
        Map<String, JsonNode> reflect = NativeConfig.byName(config("reflect-config.json"));
        for (Class<?> s : structures) {
            assertThat(reflect.get(s.getName())).as(s.getName() + " registered for reflection").isNotNull();
            assertThat(reflect.get(s.getName()).path("allDeclaredFields").asBoolean())
                    .as(s.getName() + ": JNA reads and writes its fields reflectively").isTrue();
        }
        for (Class<?> t : constructed) {
            assertThat(NativeConfig.registers(reflect.get(t.getName()), "<init>"))
                    .as(t.getName() + " registered with its no-arg constructor (Klass.newInstance)").isTrue();
            assertThat(t.getConstructor()).isNotNull();
        }
    }
}
