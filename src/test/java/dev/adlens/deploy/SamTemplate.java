package dev.adlens.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** template.yaml as plain maps; CloudFormation short forms (!Ref x) become their long forms ({"Ref": x}). */
final class SamTemplate {
    private SamTemplate() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            return (Map<String, Object>) new Yaml(new IntrinsicConstructor()).load(r);
        }
    }

    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor() {
            super(new LoaderOptions());
            for (String fn : List.of("Ref", "Sub", "GetAtt", "If", "Equals", "Not", "Join", "Select", "Split",
                    "FindInMap", "ImportValue", "GetAZs", "Base64", "Cidr", "And", "Or", "Condition")) {
                this.yamlConstructors.put(new Tag("!" + fn), new Intrinsic(fn));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode s) {
                    value = name.equals("GetAtt") ? List.of(s.getValue().split("\\.", 2)) : s.getValue();
                } else if (node instanceof SequenceNode s) {
                    value = constructSequence(s);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name, value);
                return m;
            }
        }
    }
}
