package dev.adlens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ./adlens <command>} that README.md and docs/ tell a reader to run exists: a verb of the launcher itself
 * (its {@code case} labels) or a CLI command whose help the launcher prints without a build (docs/cli-help).
 */
@UnitTest
class DocsCommandsTest {
    private static final Pattern COMMAND = Pattern.compile("\\./adlens ([a-z][a-z-]*)");
    private static final Pattern VERB = Pattern.compile("(?m)^  ([a-z|-]+)\\)");

    static Set<String> launcherVerbs() throws Exception {
        Set<String> verbs = new TreeSet<>();
        Matcher m = VERB.matcher(Files.readString(Path.of("adlens")));
        while (m.find()) {
            verbs.addAll(List.of(m.group(1).split("\\|")));
        }
        return verbs;
    }

    static List<Path> docs() throws Exception {
        List<Path> out = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> s = Files.list(Path.of("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
        }
        return out;
    }

    @Test
    void everyCommandTheDocsNameIsALauncherVerbOrACliCommand() throws Exception {
        Set<String> verbs = launcherVerbs();
        assertThat(verbs).contains("test", "label", "setup", "jmh"); // the parse found the launcher's verbs
        List<String> unknown = new ArrayList<>();
        int seen = 0;
        for (Path doc : docs()) {
            Matcher m = COMMAND.matcher(Files.readString(doc));
            while (m.find()) {
                seen++;
                String c = m.group(1);
                if (!verbs.contains(c) && !Files.exists(Path.of("docs/cli-help", c + ".txt"))) {
                    unknown.add(doc + ": ./adlens " + c);
                }
            }
        }
        assertThat(seen).isGreaterThan(20);
        assertThat(unknown).isEmpty();
    }

    @Test
    void theReadmeStaysAFrontDoor() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        assertThat(lines.size()).isLessThanOrEqualTo(150);
        // the two commands: the main job on the embedded defaults, and the tests CI runs
        assertThat(String.join("\n", lines)).contains("./adlens label samples/").contains("./adlens test");
        assertThat(Files.readString(Path.of(".ci/run"))).contains("./adlens test");
    }
}
