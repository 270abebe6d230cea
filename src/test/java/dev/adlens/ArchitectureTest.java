package dev.adlens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.app.AdlensSettings;
import dev.adlens.image.ImageLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** ARCHITECTURE.md's rules, read off the sources: no package cycle, the core imports no adapter. */
@UnitTest
class ArchitectureTest {
    static final Path MAIN = Path.of("src/main/java/dev/adlens");
    /** The measurement tools' own source set (bench, coldstart, the Runtime API emulator): never what ships. */
    static final Path TOOLS = Path.of("src/tools/java/dev/adlens");
    static final Pattern REFERENCE = Pattern.compile("dev\\.adlens\\.([a-z]+)\\.[A-Z]");
    /** The rooms of the core: plain Java, no framework, no AWS, no command line. */
    static final Set<String> CORE = Set.of("error", "time", "image", "ocr", "visual", "text", "words", "head",
            "labels", "pipeline", "onnx", "tensor", "category", "quality", "safety");
    /** The adapters and wiring around it. */
    static final Set<String> OUTSIDE = Set.of("app", "cli", "lambda", "api", "ingest", "store", "bucket", "aws",
            "trigger", "serve", "encoder", "kserve", "report", "dataset", "synth", "pitt", "smoke", "tools");

    static Map<String, Set<String>> graph() throws IOException {
        Map<String, Set<String>> deps = new TreeMap<>();
        for (Path root : List.of(MAIN, TOOLS)) {
            graph(root, deps);
        }
        return deps;
    }

    private static void graph(Path root, Map<String, Set<String>> deps) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.getParent().equals(root)).toList()) {
                String pkg = root.relativize(f.getParent()).toString().replace('/', '.');
                Set<String> out = deps.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        out.add(m.group(1));
                    }
                }
            }
        }
    }

    @Test
    void everyPackageIsARoomOfTheCoreOrOutsideIt() throws IOException {
        for (String pkg : graph().keySet()) {
            assertThat(CORE.contains(pkg) || OUTSIDE.contains(pkg)).as(pkg + " is listed in ARCHITECTURE.md").isTrue();
        }
    }

    @Test
    void theCoreImportsNoAdapter() throws IOException {
        Map<String, Set<String>> deps = graph();
        for (String core : CORE) {
            assertThat(deps.getOrDefault(core, Set.of())).as(core).allMatch(CORE::contains);
        }
    }

    /** Packages that use a native library's Java API directly: each library has one room (ARCHITECTURE.md). */
    static Map<String, Set<String>> nativeUsers(String libraryPackage) throws IOException {
        Map<String, Set<String>> users = new TreeMap<>();
        Pattern use = Pattern.compile("\\b" + Pattern.quote(libraryPackage) + "\\.[A-Z]");
        for (Path root : List.of(MAIN, TOOLS)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    if (use.matcher(Files.readString(f)).find()) {
                        users.computeIfAbsent(root.relativize(f.getParent()).toString(), k -> new TreeSet<>())
                                .add(f.getFileName().toString());
                    }
                }
            }
        }
        return users;
    }

    @Test
    void onlyTheOnnxRoomTouchesOnnxRuntime() throws IOException {
        // ORT's tensors are native memory: one room creates and closes every one of them (OnnxModel.run)
        assertThat(nativeUsers("ai.onnxruntime").keySet()).containsOnly("onnx");
    }

    @Test
    void measurementToolingIsOnlyInItsOwnSourceSet() throws IOException {
        Map<String, Set<String>> shipped = new TreeMap<>();
        graph(MAIN, shipped);
        assertThat(shipped).doesNotContainKey("tools");
        // only the command line registers the tools; nothing else in what ships knows them
        shipped.forEach((pkg, deps) -> assertThat(deps.contains("tools") && !pkg.equals("cli")).as(pkg).isFalse());
    }

    @Test
    void theImageLimitDefaultIsSpelledTheSameEverywhere() {
        assertThat(Long.parseLong(AdlensSettings.DEFAULT_MAX_IMAGE_BYTES))
                .isEqualTo(ImageLimits.DEFAULT.maxBytes());
        assertThat(AdlensSettings.DEFAULT_MIN_REMAINING).hasSeconds(15); // AdlensConfig: "15s"
    }

    @Test
    void theFunctionsNeedNoTool() throws IOException {
        // native-build/trim-function-zip.py leaves these out of function.zip: nothing the handlers load may need them
        Set<String> tools = Set.of("cli", "tools", "serve", "dataset", "synth", "pitt", "report");
        Map<String, Set<String>> deps = graph();
        Set<String> reached = new TreeSet<>();
        List<String> todo = new ArrayList<>(List.of("lambda"));
        while (!todo.isEmpty()) {
            String p = todo.remove(todo.size() - 1);
            if (reached.add(p)) {
                todo.addAll(deps.getOrDefault(p, Set.of()));
            }
        }
        assertThat(reached).doesNotContainAnyElementsOf(tools);
    }

    /** ARCHITECTURE.md's core table: room → what its imports column lists ("—" is none; "the rooms above" skipped). */
    static Map<String, Set<String>> documentedImports() throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        Pattern row = Pattern.compile("^\\| `([a-z]+)` \\| .* \\| ([^|]+) \\|$");
        for (String line : Files.readAllLines(Path.of("ARCHITECTURE.md"))) {
            Matcher m = row.matcher(line);
            if (m.matches() && CORE.contains(m.group(1)) && !m.group(2).contains("the rooms above")) {
                Set<String> rooms = new TreeSet<>();
                for (String r : m.group(2).split(",")) {
                    if (!r.isBlank() && !r.strip().equals("—")) {
                        rooms.add(r.strip());
                    }
                }
                out.put(m.group(1), rooms);
            }
        }
        return out;
    }

    @Test
    void theImportsColumnOfArchitectureMdIsWhatTheCodeImports() throws IOException {
        Map<String, Set<String>> documented = documentedImports();
        Map<String, Set<String>> actual = graph();
        assertThat(documented.keySet()).as("core rooms with an imports column")
                .containsAll(CORE.stream().filter(r -> !r.equals("pipeline")).toList());
        documented.forEach((room, rooms) ->
                assertThat(actual.getOrDefault(room, Set.of())).as(room + " imports (ARCHITECTURE.md)").isEqualTo(rooms));
    }

    /** Every test class carries exactly one tier; a class with tests is named for it (…Test, …IT) so none escapes. */
    @Test
    void everyTestClassCarriesExactlyOneTier() throws IOException {
        Pattern tier = Pattern.compile("^@(dev\\.adlens\\.)?(UnitTest|IntegrationTest)\\b", Pattern.MULTILINE);
        Pattern tests = Pattern.compile("^\\s+@(Test|ParameterizedTest|TestFactory|RepeatedTest|FuzzTest)\\b",
                Pattern.MULTILINE);
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String name = f.getFileName().toString().replace(".java", "");
                String source = Files.readString(f);
                boolean testClass = (name.endsWith("Test") || name.endsWith("IT")) && !source.contains("@interface " + name);
                long tiers = tier.matcher(source).results().count();
                if (testClass && tiers != 1) {
                    wrong.add(name + " carries " + tiers + " tiers (@UnitTest or @IntegrationTest: exactly one)");
                } else if (!testClass && tests.matcher(source).find() && !source.contains("abstract class " + name)) {
                    wrong.add(name + " has tests but is not named …Test or …IT");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void thePackageGraphHasNoCycle() throws IOException {
        Map<String, Set<String>> deps = graph();
        List<List<String>> cycles = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>(); // 1 on the path, 2 done
        for (String start : deps.keySet()) {
            visit(start, deps, state, new ArrayList<>(), cycles);
        }
        assertThat(cycles).isEmpty();
    }

    private static void visit(String p, Map<String, Set<String>> deps, Map<String, Integer> state, List<String> path,
                              List<List<String>> cycles) {
        Integer s = state.get(p);
        if (s != null && s == 2) {
            return;
        }
        if (s != null) {
            cycles.add(new ArrayList<>(path.subList(path.indexOf(p), path.size())));
            return;
        }
        state.put(p, 1);
        path.add(p);
        for (String q : deps.getOrDefault(p, Set.of())) {
            visit(q, deps, state, path, cycles);
        }
        path.remove(path.size() - 1);
        state.put(p, 2);
    }
}
