import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * Tooling for native-build/analyse (never ships): what the GraalVM distribution's launcher and its C headers would
 * provide, derived from the builder's own declarations in its Maven Central jars, so nothing here is copied by hand
 * and an upgrade of the builder regenerates it.
 *
 * <pre>
 *   java BuilderSetup.java headers JARDIR OUTDIR     C headers for the builder's @CContext directives that name a
 *                                                    header the distribution ships (include/…): @CStruct/@CField
 *                                                    structs and @CConstant ints, read by reflection; what only
 *                                                    GraalVM's C headers say (values, field order) from C_SIDE
 *   java BuilderSetup.java options JARDIR ARGSFILE   the launcher's arguments (one per line, as Quarkus's native
 *                                                    build step passes them) translated into the builder's, through
 *                                                    the builder's @APIOption declarations; one per line on stdout
 * </pre>
 * Run on the JDK the builder runs on (Temurin 25).
 */
public final class BuilderSetup {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: BuilderSetup headers JARDIR OUTDIR | options JARDIR ARGSFILE [SOURCEDIR]");
        }
        try (URLClassLoader loader = loader(Path.of(args[1]))) {
            switch (args[0]) {
                case "headers" -> headers(loader, Path.of(args[1]), Path.of(args[2]));
                case "options" -> {
                    List<String> launcherArgs = new ArrayList<>(Files.readAllLines(Path.of(args[2])));
                    if (args.length > 3) {
                        launcherArgs.addAll(metaInfArgs(Path.of(args[3])));
                    }
                    options(loader, Path.of(args[1]), launcherArgs);
                }
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
        }
    }

    private static URLClassLoader loader(Path jars) throws IOException {
        List<URL> urls = new ArrayList<>();
        try (var files = Files.list(jars)) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    /** Every class of the builder jar (svm), loaded without initialising; classes whose types cannot resolve skipped. */
    private static List<Class<?>> builderClasses(URLClassLoader loader, Path jars, String jarPrefix) throws IOException {
        List<Class<?>> classes = new ArrayList<>();
        try (var files = Files.list(jars)) {
            for (Path jar : files.filter(p -> p.getFileName().toString().startsWith(jarPrefix)).toList()) {
                try (JarFile jf = new JarFile(jar.toFile())) {
                    for (var e : jf.stream().toList()) {
                        String n = e.getName();
                        if (!n.endsWith(".class") || n.contains("module-info") || n.startsWith("META-INF")) {
                            continue;
                        }
                        try {
                            classes.add(Class.forName(n.substring(0, n.length() - 6).replace('/', '.'), false, loader));
                        } catch (Throwable unresolvable) {
                            // a class the reflection below cannot see is not one that declares options or C structs
                        }
                    }
                }
            }
        }
        return classes;
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Annotation> annotation(ClassLoader loader, String name) throws ClassNotFoundException {
        return (Class<? extends Annotation>) Class.forName(name, false, loader);
    }

    private static Object value(Annotation a, String element) throws ReflectiveOperationException {
        return a.annotationType().getMethod(element).invoke(a);
    }

    // ---- headers ----

    private static void headers(URLClassLoader loader, Path jars, Path out) throws Exception {
        var cContext = annotation(loader, "org.graalvm.nativeimage.c.CContext");
        var cStruct = annotation(loader, "org.graalvm.nativeimage.c.struct.CStruct");
        var cField = annotation(loader, "org.graalvm.nativeimage.c.struct.CField");
        var cConstant = annotation(loader, "org.graalvm.nativeimage.c.constant.CConstant");
        Map<String, StringBuilder> byHeader = new TreeMap<>();
        Map<String, List<String>> declared = new TreeMap<>(); // header → its @CConstant names
        for (Class<?> c : builderClasses(loader, jars, "svm-")) {
            Class<?> contextOwner = c;
            try {
                while (contextOwner != null && contextOwner.getAnnotation(cContext) == null) {
                    contextOwner = contextOwner.getEnclosingClass();
                }
            } catch (Throwable unresolvable) {
                continue;
            }
            if (contextOwner == null) {
                continue;
            }
            Class<?> directives = (Class<?>) value(contextOwner.getAnnotation(cContext), "value");
            // getHeaderFiles() needs a running image build; the header names are string constants in its class file
            List<String> shipped = classFileStrings(directives, "include/[A-Za-z0-9_]+\\.h");
            if (shipped.size() != 1) {
                continue;
            }
            String header = shipped.get(0).substring("include/".length());
            StringBuilder h = byHeader.computeIfAbsent(header,
                    k -> new StringBuilder("/* generated by native-build/graalvm/BuilderSetup.java from the builder's "
                            + "declarations and GraalVM's C ones (C_SIDE) */\n#include <stdint.h>\n"));
            Method[] methods;
            try {
                methods = c.getDeclaredMethods();
            } catch (Throwable unresolvable) {
                continue;
            }
            Arrays.sort(methods, (a, b) -> a.getName().compareTo(b.getName()));
            Annotation struct = c.getAnnotation(cStruct);
            if (struct != null) {
                String name = (String) value(struct, "value");
                name = name.isEmpty() ? c.getSimpleName() : name;
                Map<String, Method> fields = new LinkedHashMap<>();
                for (Method m : inClassFileOrder(c, methods, cField)) {
                    String field = (String) value(m.getAnnotation(cField), "value");
                    fields.put(field.isEmpty() ? m.getName() : field, m);
                }
                h.append("typedef struct {\n");
                for (String field : fieldOrder(header, name, fields.keySet())) {
                    h.append("  ").append(cType(fields.get(field).getReturnType())).append(' ').append(field)
                            .append(";\n");
                }
                h.append("} ").append(name).append(";\n");
            }
            for (Method m : inClassFileOrder(c, methods, cConstant)) {
                if (Modifier.isStatic(m.getModifiers())) {
                    declared.computeIfAbsent(header, k -> new ArrayList<>()).add(m.getName());
                }
            }
        }
        for (var e : declared.entrySet()) {
            StringBuilder h = byHeader.get(e.getKey());
            for (var constant : constants(e.getKey(), e.getValue()).entrySet()) {
                h.append("#define ").append(constant.getKey()).append(' ').append(constant.getValue()).append('\n');
            }
        }
        Files.createDirectories(out);
        for (var e : byHeader.entrySet()) {
            Files.writeString(out.resolve(e.getKey()), e.getValue());
            System.out.println(out.resolve(e.getKey()));
        }
    }

    /**
     * What only GraalVM's C sources declare, per header (libchelper's {@code include/*.h}, in no Maven Central jar):
     * the value of each constant and the order of each struct's fields. The builder compiles its {@code @CConstant}
     * values and {@code @CField} offsets from our header, while the libchelper an executable links is compiled from
     * GraalVM's: both must agree, and the Java side cannot say how. LocaleCHelper declares the struct's display
     * fields first and names two of the three results; an image built from that order with invented values (0, 1)
     * dies at start ("Not enough native memory to initialize the locale support", exit 13). From GraalVM 25.0.2's
     * substratevm/src/com.oracle.svm.native.libchelper/include/svm_locale.h; on a builder upgrade, read it again.
     */
    private record CDeclarations(Map<String, Integer> constants, Map<String, List<String>> structs) {}

    private static final Map<String, CDeclarations> C_SIDE = Map.of(
            "svm_locale.h", new CDeclarations(
                    Map.of("SVM_LOCALE_INITIALIZATION_USE_DEFAULT", 0, "SVM_LOCALE_INITIALIZATION_SUCCEEDED", 1,
                            "SVM_LOCALE_INITIALIZATION_OUT_OF_MEMORY", 2),
                    Map.of("svm_locale_props_t", List.of(
                            "format_language", "format_script", "format_country", "format_variant",
                            "display_language", "display_script", "display_country", "display_variant"))));

    /**
     * GraalVM's constants of a header, which must include every one the builder declares: a value is never
     * invented, since the builder compiles it into the image and the C side answers with GraalVM's.
     */
    private static Map<String, Integer> constants(String header, List<String> declaredNames) {
        CDeclarations c = C_SIDE.get(header);
        List<String> unknown = declaredNames.stream()
                .filter(n -> c == null || !c.constants().containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("the builder declares @CConstant " + unknown + " of " + header
                    + " whose values only GraalVM's C header gives: add them to BuilderSetup.C_SIDE");
        }
        return new TreeMap<>(c.constants()); // all of GraalVM's, USE_DEFAULT too (no Java name, but in its header)
    }

    /**
     * The C order of a struct's fields: GraalVM's where C_SIDE knows the header (it must list the same fields the
     * builder declares), else the builder's declaration order.
     */
    private static List<String> fieldOrder(String header, String struct, java.util.Set<String> declaredFields) {
        CDeclarations c = C_SIDE.get(header);
        List<String> order = c == null ? null : c.structs().get(struct);
        if (order == null) {
            return List.copyOf(declaredFields);
        }
        if (!new java.util.HashSet<>(order).equals(declaredFields)) {
            throw new IllegalStateException("the builder's " + struct + " declares " + declaredFields
                    + ", GraalVM's " + header + " in BuilderSetup.C_SIDE " + order + ": read the header again");
        }
        return order;
    }

    private static List<String> classFileStrings(Class<?> c, String regex) {
        try (var in = c.getClassLoader().getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            return java.util.regex.Pattern.compile(regex).matcher(text).results().map(r -> r.group()).distinct().toList();
        } catch (IOException | NullPointerException e) {
            return List.of();
        }
    }

    private static List<Method> inClassFileOrder(Class<?> c, Method[] methods, Class<? extends Annotation> marker) {
        // getDeclaredMethods has no defined order; the class file's own order is the declaration order
        List<String> order = new ArrayList<>();
        try (var in = c.getClassLoader().getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            for (Method m : methods) {
                order.add(m.getName());
            }
            order.sort((a, b) -> Integer.compare(text.indexOf("\u0001" + (char) 0 + (char) a.length() + a),
                    text.indexOf("\u0001" + (char) 0 + (char) b.length() + b)));
        } catch (IOException | NullPointerException e) {
            order.addAll(Arrays.stream(methods).map(Method::getName).toList());
        }
        return order.stream().flatMap(n -> Arrays.stream(methods).filter(m -> m.getName().equals(n)))
                .filter(m -> m.getAnnotation(marker) != null).distinct().toList();
    }

    private static String cType(Class<?> t) {
        if (t == boolean.class || t == byte.class) {
            return "uint8_t";
        }
        if (t == int.class) {
            return "int32_t";
        }
        if (t == long.class) {
            return "int64_t";
        }
        return "char *"; // CCharPointer and other word types
    }

    // ---- options ----

    /** The configuration files the launcher hands the builder for each one it finds under META-INF/native-image. */
    private static final Map<String, String> CONFIG_FILES = Map.of(
            "reflect-config.json", "ReflectionConfigurationResources",
            "jni-config.json", "JNIConfigurationResources",
            "resource-config.json", "ResourceConfigurationResources",
            "proxy-config.json", "DynamicProxyConfigurationResources",
            "serialization-config.json", "SerializationConfigurationResources",
            "predefined-classes-config.json", "PredefinedClassesConfigurationResources",
            "reachability-metadata.json", "ReachabilityMetadataResources");

    /**
     * What the launcher derives from every META-INF/native-image/** on the class path before it starts the builder:
     * the Args of each native-image.properties (DJL's and the AWS SDK's declare some; ${.} stands for the file's folder
     * in its jar) and a -H:…ConfigurationResources option for each configuration file (Quarkus's generated
     * reflection/JNI/resource registrations, ours, the libraries'). Without the latter the builder reads none of them.
     */
    private static List<String> metaInfArgs(Path sourceDir) throws IOException {
        List<String> args = new ArrayList<>();
        List<Path> jars;
        try (var files = Files.walk(sourceDir)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        for (Path jar : jars) {
            try (JarFile jf = new JarFile(jar.toFile())) {
                if (jar.getParent().equals(sourceDir) && jf.getManifest() != null) {
                    // -jar honours the manifest's Add-Opens / Add-Exports, as java -jar does (Quarkus writes
                    // java.base/java.lang there for JBoss Threads' thread-local reset)
                    var main = jf.getManifest().getMainAttributes();
                    for (String attr : List.of("Add-Opens", "Add-Exports")) {
                        String v = main.getValue(attr);
                        for (String target : v == null ? new String[0] : v.trim().split("\\s+")) {
                            args.add("--" + attr.toLowerCase(java.util.Locale.ROOT) + "=" + target + "=ALL-UNNAMED");
                        }
                    }
                }
                for (var e : jf.stream().filter(e -> e.getName().startsWith("META-INF/native-image/")).toList()) {
                    String name = e.getName();
                    String file = name.substring(name.lastIndexOf('/') + 1);
                    if (CONFIG_FILES.containsKey(file)) {
                        args.add("-H:" + CONFIG_FILES.get(file) + "=" + name);
                    } else if (file.equals("native-image.properties")) {
                        var props = new java.util.Properties();
                        try (var in = jf.getInputStream(e)) {
                            props.load(in);
                        }
                        String folder = name.substring(0, name.lastIndexOf('/'));
                        for (String a : props.getProperty("Args", "").trim().split("\\s+")) {
                            if (!a.isEmpty()) {
                                args.add(a.replace("${.}", folder));
                            }
                        }
                    }
                }
            }
        }
        return args.stream().distinct().toList();
    }

    /** One launcher option: the builder option it sets and how its value is formed. */
    private record ApiOption(String builderOption, boolean bool, String fixed,
                             java.util.function.Function<Object, Object> transform) {}

    private static void options(URLClassLoader loader, Path jars, List<String> launcherArgs) throws Exception {
        Map<String, ApiOption> api = apiOptions(loader, jars);
        List<String> out = new ArrayList<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < launcherArgs.size(); i++) {
            String a = launcherArgs.get(i).strip();
            if (a.isEmpty()) {
                continue;
            }
            if (a.startsWith("-J")) {
                out.add("#jvm " + a.substring(2)); // options for the builder's own JVM
            } else if (a.startsWith("-H:") || a.startsWith("-R:")) {
                out.add(a);
            } else if (a.equals("-jar")) {
                out.add("#jar " + launcherArgs.get(++i).strip());
            } else if (!a.startsWith("-")) {
                positional.add(a);
            } else {
                String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                String given = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
                ApiOption o = api.get(name);
                if (o == null) {
                    throw new IllegalArgumentException("no builder option answers the launcher's " + a);
                }
                if (o.bool) {
                    out.add("-H:" + (o.fixed == null || o.fixed.equals("true") ? "+" : "-") + o.builderOption);
                } else {
                    String v = given != null ? given : o.fixed;
                    out.add("-H:" + o.builderOption + "=" + (v == null ? "" : o.transform.apply(v)));
                }
            }
        }
        if (!positional.isEmpty()) {
            out.add("#name " + positional.get(0));
        }
        out.forEach(System.out::println);
    }

    /** --name → how the builder takes it, from every @APIOption in the builder's jars. */
    private static Map<String, ApiOption> apiOptions(URLClassLoader loader, Path jars) throws Exception {
        var apiOption = annotation(loader, "com.oracle.svm.core.option.APIOption");
        var apiOptions = annotation(loader, "com.oracle.svm.core.option.APIOption$List");
        Class<?> optionKey = Class.forName("jdk.graal.compiler.options.OptionKey", false, loader);
        Map<String, ApiOption> map = new LinkedHashMap<>();
        List<Class<?>> classes = new ArrayList<>(builderClasses(loader, jars, "svm-"));
        classes.addAll(builderClasses(loader, jars, "pointsto-"));
        for (Class<?> c : classes) {
            java.lang.reflect.Field[] fields;
            try {
                fields = c.getDeclaredFields();
            } catch (Throwable unresolvable) {
                continue;
            }
            for (var f : fields) {
                List<Annotation> declared = new ArrayList<>();
                Annotation one = f.getAnnotation(apiOption);
                if (one != null) {
                    declared.add(one);
                }
                Annotation many = f.getAnnotation(apiOptions);
                if (many != null) {
                    declared.addAll(Arrays.asList((Annotation[]) value(many, "value")));
                }
                for (Annotation a : declared) {
                    boolean bool = optionKey.isAssignableFrom(f.getType()) && isBooleanOption(f);
                    String[] fixed = (String[]) value(a, "fixedValue");
                    var transformers = (Class<?>[]) value(a, "valueTransformer");
                    java.util.function.Function<Object, Object> transform = v -> v;
                    for (Class<?> t : transformers) {
                        var ctor = t.getDeclaredConstructor();
                        ctor.setAccessible(true);
                        @SuppressWarnings("unchecked")
                        var fn = (java.util.function.Function<Object, Object>) ctor.newInstance();
                        transform = transform.andThen(fn);
                    }
                    for (String n : (String[]) value(a, "name")) {
                        String launcherName = n.startsWith("-") ? n : "--" + n;
                        map.put(launcherName, new ApiOption(f.getName(), bool, fixed.length == 0 ? null : fixed[0],
                                transform));
                    }
                }
            }
        }
        return map;
    }

    /** HostedOptionKey&lt;Boolean&gt; and its kin: read from the declared type, so no option class is initialised. */
    private static boolean isBooleanOption(java.lang.reflect.Field f) {
        return f.getGenericType() instanceof java.lang.reflect.ParameterizedType p
                && p.getActualTypeArguments().length == 1 && p.getActualTypeArguments()[0] == Boolean.class;
    }

    private BuilderSetup() {}
}
