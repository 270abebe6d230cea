package dev.adlens.visual;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.IntegrationTest;
import dev.adlens.TestModels;
import dev.adlens.onnx.OnnxModel;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.adlens.tensor.TensorSpec;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** models/triton/visual serves exactly visual.onnx's contract. */
@IntegrationTest
class TritonConfigTest {
    private static final Pattern TENSOR = Pattern.compile(
            "\\{\\s*name:\\s*\"(\\w+)\"\\s*data_type:\\s*(TYPE_\\w+)\\s*dims:\\s*\\[([^\\]]*)\\]\\s*}");

    @Test
    void configMatchesTheOnnxModel() throws Exception {
        Path repo = TestModels.dir().resolve("triton/visual");
        String config = Files.readString(repo.resolve("config.pbtxt")).replaceAll("(?m)^\\s*#.*$", "");
        assertThat(config).contains("platform: \"onnxruntime_onnx\"", "dynamic_batching", "KIND_GPU");
        assertThat(Files.isSameFile(repo.resolve("1/model.onnx"), TestModels.visual())).isTrue();

        Map<String, String> declared = new LinkedHashMap<>();
        Matcher m = TENSOR.matcher(config);
        while (m.find()) {
            declared.put(m.group(1), m.group(2) + " " + m.group(3).replaceAll("\\s", ""));
        }
        Map<String, String> actual = new LinkedHashMap<>();
        try (OnnxModel model = OnnxModel.open(TestModels.visual(), OnnxModel.Options.threads(1))) {
            describe(model.inputs(), actual);
            describe(model.outputs(), actual);
        }
        assertThat(declared).isEqualTo(actual);
    }

    @Test
    void textConfigMatchesTheTextModelAndDoesNotBatch() throws Exception {
        Path repo = TestModels.dir().resolve("triton/text");
        String config = Files.readString(repo.resolve("config.pbtxt")).replaceAll("(?m)^\\s*#.*$", "");
        assertThat(config).contains("platform: \"onnxruntime_onnx\"", "max_batch_size: 1", "KIND_GPU")
                .doesNotContain("dynamic_batching"); // int8 activations: batch neighbours would change the vectors
        Path model = TestModels.dir().resolve("text/text.onnx");
        assertThat(Files.isSameFile(repo.resolve("1/model.onnx"), model)).isTrue();
        Map<String, String> declared = new LinkedHashMap<>();
        Matcher m = TENSOR.matcher(config);
        while (m.find()) {
            declared.put(m.group(1), m.group(2) + " " + m.group(3).replaceAll("\\s", ""));
        }
        Map<String, String> actual = new LinkedHashMap<>();
        try (OnnxModel onnx = OnnxModel.open(model, OnnxModel.Options.threads(1))) {
            describe(onnx.inputs(), actual);
            describe(onnx.outputs(), actual);
        }
        assertThat(declared).isEqualTo(actual);
    }

    /** Triton's view of a tensor: its type and its dims without the (dynamic) batch axis. */
    private static void describe(List<TensorSpec> specs, Map<String, String> into) {
        for (TensorSpec t : specs) {
            assertThat(t.shape()[0]).as("batch axis of %s", t.name()).isEqualTo(-1);
            long[] dims = Arrays.copyOfRange(t.shape(), 1, t.shape().length);
            into.put(t.name(), "TYPE_" + t.datatype() + " " + Arrays.toString(dims).replaceAll("[\\[\\]\\s]", ""));
        }
    }
}
