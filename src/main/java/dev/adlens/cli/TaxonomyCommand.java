package dev.adlens.cli;

import dev.adlens.app.Adlens;
import dev.adlens.category.CategoryIndex;
import dev.adlens.category.Transfer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code adlens taxonomy explain FILE}: what each category of a taxonomy borrows from adlens's built-in knowledge. */
@Command(name = "taxonomy", mixinStandardHelpOptions = true,
        description = "Work with taxonomy files.", subcommands = {TaxonomyCommand.Explain.class, TaxonomyPack.class})
public final class TaxonomyCommand {
    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = "Load a taxonomy file as labeling would (example images read, texts encoded) and print, per "
                    + "category, what it borrows from adlens's built-in knowledge: the IAB categories and Pitt topics "
                    + "it aligns with, how strongly, and whether the file or its examples chose them.")
    static final class Explain implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Parameters(paramLabel = "FILE", description = "an adlens-taxonomy-1 file")
        String file;

        @Option(names = "--top", description = "built-in categories shown per category (default: ${DEFAULT-VALUE})")
        int top = 3;

        @Option(names = "--json", description = "one JSON line per category instead of text")
        boolean json;

        @Mixin
        ModelOptions models = new ModelOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            models.taxonomies = List.of(file);
            PrintWriter out = spec.commandLine().getOut();
            try (Adlens c = Adlens.open(models.settings())) {
                CategoryIndex index = c.labeler().categories().taxonomies().get(0);
                if (index.transfer().isEmpty()) {
                    out.println(index.taxonomy().id() + ": borrows nothing (\"transfer\": false in the file, or no "
                            + "topic fusion in these models)");
                    return 0;
                }
                Transfer t = index.transfer().get();
                Double noneAt = index.taxonomy().calibration().noneAt();
                if (noneAt != null && !json) {
                    out.printf(Locale.ROOT, "%s: most ads are none of it (\"exhaustive\": false): \"none of them\" "
                            + "competes at %.2f and gets what no category below borrows%n", index.taxonomy().id(), noneAt);
                }
                for (int u = 0; u < index.size(); u++) {
                    Transfer.Explained e = t.explain(u, top);
                    String name = index.taxonomy().categories().get(u).name();
                    out.println(json ? JSON.writeValueAsString(asJson(name, e)) : text(name, e));
                }
            }
            out.flush();
            return 0;
        }

        private static ObjectNode asJson(String name, Transfer.Explained e) {
            ObjectNode n = JSON.createObjectNode().put("id", e.id()).put("name", name).put("strength", e.strength())
                    .put("fromFile", e.fromFile()).put("fromExamples", e.fromExamples());
            ArrayNode sources = n.putArray("sources");
            e.sources().forEach(s -> sources.addObject().put("key", s.key()).put("name", s.name())
                    .put("alignment", s.alignment()).put("share", s.share()));
            return n;
        }

        private static String text(String name, Transfer.Explained e) {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s  %s  borrows %.2f%s%s", e.id(), name,
                    e.strength(), e.fromFile() ? " (alignTo in the file)" : "",
                    e.fromExamples() ? " (shaped by its examples)" : ""));
            if (e.sources().isEmpty()) {
                s.append("\n    nothing: its own evidence alone");
            }
            for (Transfer.Explained.Source src : e.sources()) {
                s.append(String.format(Locale.ROOT, "%n    %-12s %-48s alignment %.2f, gets %.0f%% of it", src.key(),
                        src.name().length() > 48 ? src.name().substring(0, 47) + "…" : src.name(), src.alignment(), 100 * src.share()));
            }
            return s.toString();
        }
    }
}
