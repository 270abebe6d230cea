package dev.adlens.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.UnitTest;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.graalvm.nativeimage.c.CContext;
import org.graalvm.word.PointerBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * native-build/graalvm/BuilderSetup.java's {@code headers} must write svm_locale.h as GraalVM's libchelper is compiled
 * with it: the builder compiles the result constants' values and the struct's field offsets from our header, and a
 * linked image reads what GraalVM's C code wrote. The generator runs (as native-build/analyse runs it) over a stand-in
 * of the builder jar holding the builder's Java declarations, and its output is compared with GraalVM's C declarations
 * (test resource svm_locale.h).
 */
@UnitTest
class BuilderHeadersTest {
    private static final Path BUILDER_SETUP = Path.of("native-build/graalvm/BuilderSetup.java");

    /**
     * As GraalVM 25.0.2's svm jar declares com.oracle.svm.core.c.locale.LocaleCHelper: two of the three results, and
     * the struct's fields display first, the reverse of the C header. Only names and order matter to the generator.
     */
    private static final String LOCALE_C_HELPER = """
            package com.oracle.svm.core.c.locale;

            import org.graalvm.nativeimage.c.CContext;
            import org.graalvm.nativeimage.c.constant.CConstant;
            import org.graalvm.nativeimage.c.struct.CField;
            import org.graalvm.nativeimage.c.struct.CStruct;
            import org.graalvm.nativeimage.c.type.CCharPointer;
            import org.graalvm.word.PointerBase;

            @CContext(LocaleDirectives.class)
            class LocaleCHelper {
                @CConstant
                static native int SVM_LOCALE_INITIALIZATION_SUCCEEDED();

                @CConstant
                static native int SVM_LOCALE_INITIALIZATION_OUT_OF_MEMORY();
                %s
                @CStruct(value = "svm_locale_props_t")
                interface LocaleProps extends PointerBase {
                    @CField(value = "display_language") CCharPointer displayLanguage();
                    @CField(value = "display_script") CCharPointer displayScript();
                    @CField(value = "display_country") CCharPointer displayCountry();
                    @CField(value = "display_variant") CCharPointer displayVariant();
                    @CField(value = "format_language") CCharPointer formatLanguage();
                    @CField(value = "format_script") CCharPointer formatScript();
                    @CField(value = "format_country") CCharPointer formatCountry();
                    @CField(value = "format_variant") CCharPointer formatVariant();
                }
            }
            """;

    /** Its directives name the header the distribution ships (the generator reads the name from the class file). */
    private static final String LOCALE_DIRECTIVES = """
            package com.oracle.svm.core.c.locale;

            import java.util.List;
            import org.graalvm.nativeimage.c.CContext;

            class LocaleDirectives implements CContext.Directives {
                @Override
                public List<String> getHeaderFiles() {
                    return List.of("include/svm_locale.h");
                }
            }
            """;

    @TempDir
    Path tmp;

    @Test
    void svmLocaleHeaderHasGraalVmsConstantsAndFieldOrder() throws Exception {
        Generated g = generate(LOCALE_C_HELPER.formatted(""));
        assertThat(g.exit()).as(g.output()).isZero();
        String header = Files.readString(tmp.resolve("include/svm_locale.h"));
        String graal;
        try (InputStream in = getClass().getResourceAsStream("svm_locale.h")) {
            graal = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(constants(graal)).containsEntry("SVM_LOCALE_INITIALIZATION_SUCCEEDED", 1).hasSize(3);
        assertThat(constants(header)).isEqualTo(constants(graal));
        assertThat(fields(graal, "svm_locale_props_t")).hasSize(8).startsWith("format_language");
        assertThat(fields(header, "svm_locale_props_t")).containsExactlyElementsOf(fields(graal, "svm_locale_props_t"));
    }

    @Test
    void aConstantWithoutGraalVmsValueStopsTheGenerator() throws Exception {
        // an invented value would compile into the image while GraalVM's C code answers with its own
        Generated g = generate(LOCALE_C_HELPER.formatted("""
                @CConstant
                static native int SVM_LOCALE_INITIALIZATION_SOMETHING_NEW();
                """));
        assertThat(g.exit()).isNotZero();
        assertThat(g.output()).contains("SVM_LOCALE_INITIALIZATION_SOMETHING_NEW", "C_SIDE");
        assertThat(tmp.resolve("include/svm_locale.h")).doesNotExist();
    }

    private record Generated(int exit, String output) {}

    /** Compiles the stand-in into jars/svm-standin.jar beside GraalVM's SDK jars, then runs the generator on them. */
    private Generated generate(String localeCHelper) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/com/oracle/svm/core/c/locale"));
        Files.writeString(src.resolve("LocaleCHelper.java"), localeCHelper);
        Files.writeString(src.resolve("LocaleDirectives.java"), LOCALE_DIRECTIVES);
        Path jars = Files.createDirectories(tmp.resolve("jars"));
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        String sdk = jarOf(CContext.class) + File.pathSeparator + jarOf(PointerBase.class);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "-d", classes.toString(), "-cp", sdk,
                src.resolve("LocaleCHelper.java").toString(), src.resolve("LocaleDirectives.java").toString());
        assertThat(compiled).as("the stand-in compiles").isZero();
        jar(classes, jars.resolve("svm-standin.jar"));
        Files.copy(jarOf(CContext.class), jars.resolve("nativeimage.jar"));
        Files.copy(jarOf(PointerBase.class), jars.resolve("word.jar"));

        Path log = tmp.resolve("generator.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                BUILDER_SETUP.toString(), "headers", jars.toString(), tmp.resolve("include").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("BuilderSetup headers did not finish in 2 minutes");
        }
        return new Generated(p.exitValue(), Files.readString(log));
    }

    private static Path jarOf(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static void jar(Path classes, Path jar) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(classes)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Path f : files) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out); // leaves the jar stream open for the next entry
                out.closeEntry();
            }
        }
    }

    /** Constants as {@code #define NAME n} (ours) or {@code const int NAME = n;} (GraalVM's). */
    static Map<String, Integer> constants(String header) {
        Map<String, Integer> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile(
                "(?m)^\\s*(?:#define\\s+(\\w+)\\s+(-?\\d+)|const\\s+int\\s+(\\w+)\\s*=\\s*(-?\\d+)\\s*;)").matcher(header);
        while (m.find()) {
            out.put(m.group(1) != null ? m.group(1) : m.group(3),
                    Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(4)));
        }
        return out;
    }

    /** The field names of {@code typedef struct { … } name;} in declaration order. */
    static List<String> fields(String header, String struct) {
        Matcher m = Pattern.compile("typedef\\s+struct\\s*\\{([^}]*)\\}\\s*" + struct + "\\s*;").matcher(header);
        assertThat(m.find()).as("struct " + struct + " in\n" + header).isTrue();
        List<String> out = new ArrayList<>();
        Matcher field = Pattern.compile("(\\w+)\\s*[;,]").matcher(m.group(1));
        while (field.find()) {
            out.add(field.group(1));
        }
        return out;
    }
}
