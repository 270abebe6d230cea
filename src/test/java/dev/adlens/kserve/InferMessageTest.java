package dev.adlens.kserve;

import dev.adlens.UnitTest;
import dev.adlens.tensor.Tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

@UnitTest
class InferMessageTest {
    static final Tensor IMAGE = new Tensor("image", "UINT8", new long[]{1, 2, 2, 3},
            new byte[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, (byte) 255});
    static final Tensor SCORES = Tensor.ofFloats("scores", new long[]{1, 3}, new float[]{0.5f, -1.25f, 3.4028235e38f});
    static final Tensor CLASSES = Tensor.ofLongs("classes", new long[]{1, 3}, new long[]{1, 18, Long.MAX_VALUE});

    @Test
    void binaryRequestRoundTrips() {
        InferMessage.Encoded e = InferMessage.request(List.of(IMAGE), List.of("scores", "classes"), true);
        assertThat(e.headerLength()).isPositive().isEqualTo(e.body().length - 12);
        InferMessage.Parsed p = InferMessage.parse(e.body(), e.headerLength(), "inputs");
        assertThat(p.tensors().get("image").data()).isEqualTo(IMAGE.data());
        assertThat(p.tensors().get("image").shape()).containsExactly(1, 2, 2, 3);
        assertThat(p.requestedOutputs()).containsExactly("scores", "classes");
        assertThat(p.binaryOutputs()).isTrue();
    }

    @Test
    void jsonAndBinaryResponsesCarryTheSameValues() {
        for (boolean binary : new boolean[]{true, false}) {
            InferMessage.Encoded e = InferMessage.response("visual", "1", List.of(SCORES, CLASSES), binary);
            InferMessage.Parsed p = InferMessage.parse(e.body(), e.headerLength(), "outputs");
            assertThat(p.tensors().get("scores").floats()).containsExactly(SCORES.floats());
            assertThat(p.tensors().get("classes").longs()).containsExactly(1, 18, Long.MAX_VALUE);
        }
    }

    @Test
    void nestedJsonDataIsAccepted() {
        String body = "{\"inputs\":[{\"name\":\"image\",\"datatype\":\"UINT8\",\"shape\":[1,2,2,3],"
                + "\"data\":[[[[0,1,2],[3,4,5]],[[6,7,8],[9,10,255]]]]}],\"outputs\":[{\"name\":\"global\"}]}";
        InferMessage.Parsed p = InferMessage.parse(body.getBytes(StandardCharsets.UTF_8), 0, "inputs");
        assertThat(p.tensors().get("image").data()).isEqualTo(IMAGE.data());
        assertThat(p.binaryOutputs()).isFalse();
    }

    @Test
    void malformedMessagesAreRefusedWithAReason() {
        InferMessage.Encoded e = InferMessage.request(List.of(IMAGE), List.of(), true);
        byte[] extra = Arrays.copyOf(e.body(), e.body().length + 1);
        assertThatThrownBy(() -> InferMessage.parse(extra, e.headerLength(), "inputs"))
                .isInstanceOf(InferProtocolException.class).hasMessageContaining("after the last binary tensor");
        byte[] shortBody = Arrays.copyOf(e.body(), e.body().length - 1);
        assertThatThrownBy(() -> InferMessage.parse(shortBody, e.headerLength(), "inputs"))
                .isInstanceOf(InferProtocolException.class).hasMessageContaining("binary_data_size");
        assertThatThrownBy(() -> InferMessage.parse(e.body(), e.body().length + 5, "inputs"))
                .isInstanceOf(InferProtocolException.class);
        assertThatThrownBy(() -> InferMessage.parse("{\"inputs\": [".getBytes(), 0, "inputs"))
                .isInstanceOf(InferProtocolException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> InferMessage.parse("{\"inputs\":[{\"name\":\"x\",\"datatype\":\"UINT8\",\"shape\":[2],\"data\":[1,300]}]}"
                .getBytes(), 0, "inputs")).isInstanceOf(InferProtocolException.class).hasMessageContaining("not UINT8");
        assertThatThrownBy(() -> InferMessage.parse("{\"inputs\":[{\"name\":\"x\",\"datatype\":\"BF16\",\"shape\":[1],\"data\":[1]}]}"
                .getBytes(), 0, "inputs")).isInstanceOf(InferProtocolException.class);
        assertThatThrownBy(() -> InferMessage.parse("{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[-1],\"data\":[]}]}"
                .getBytes(), 0, "inputs")).isInstanceOf(InferProtocolException.class);
    }
}
