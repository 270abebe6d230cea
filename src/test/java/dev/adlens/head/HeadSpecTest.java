package dev.adlens.head;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adlens.UnitTest;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@UnitTest
class HeadSpecTest {
    @Test
    void rejectsDescriptorsThatDoNotMatchTheirLabels(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("head.json"), "{\"format\":\"adlens-head-1\",\"dims\":{\"global\":4},"
                + "\"topicIds\":[1,2],\"sentimentIds\":[1],\"thresholds\":{\"topic\":[0.5],\"sentiment\":[0.5]}}");
        assertThatThrownBy(() -> HeadSpec.read(bad)).isInstanceOf(AdlensException.class)
                .extracting(e -> ((AdlensException) e).code()).isEqualTo(ErrorCode.MODEL_INVALID);
        Path other = Files.writeString(dir.resolve("other.json"), "{\"format\":\"something-else\"}");
        assertThatThrownBy(() -> HeadSpec.read(other)).extracting(e -> ((AdlensException) e).code())
                .isEqualTo(ErrorCode.MODEL_INVALID);
        assertThatThrownBy(() -> HeadSpec.read(dir.resolve("missing.json"))).extracting(e -> ((AdlensException) e).code())
                .isEqualTo(ErrorCode.MODEL_INVALID);
    }
}
