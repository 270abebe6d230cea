package dev.adlens.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adlens.UnitTest;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text model's metadata is its contract: the pooling it was trained with is read, an unknown one refused. */
@UnitTest
class TextContractTest {
    static Map<String, String> meta(String pooling) {
        Map<String, String> m = new HashMap<>(Map.of("adlens.version", "m@1", "adlens.dim", "384",
                "adlens.max_tokens", "128"));
        if (pooling != null) {
            m.put("adlens.pooling", pooling);
        }
        return m;
    }

    @Test
    void readsMeanAndClsPooling() throws Exception {
        assertThat(TextContract.fromMetadata(meta("mean")).pooling()).isEqualTo(TextContract.Pooling.MEAN);
        assertThat(TextContract.fromMetadata(meta("cls")).pooling()).isEqualTo(TextContract.Pooling.CLS);
        assertThat(TextContract.fromMetadata(meta("cls")).prefix()).isEmpty();
    }

    @Test
    void refusesAnUnknownOrMissingPooling() {
        assertThatThrownBy(() -> TextContract.fromMetadata(meta("max")))
                .isInstanceOfSatisfying(AdlensException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_INVALID))
                .hasMessageContaining("max");
        assertThatThrownBy(() -> TextContract.fromMetadata(meta(null)))
                .isInstanceOfSatisfying(AdlensException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_INVALID))
                .hasMessageContaining("adlens.pooling");
    }
}
