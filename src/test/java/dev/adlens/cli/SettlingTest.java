package dev.adlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.UnitTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dev poller labels only objects listed unchanged twice (phantom upload parts). */
@UnitTest
class SettlingTest {
    @Test
    void anUploadPartThatGrowsAndVanishesIsNeverOfferedWhileACompleteObjectIsOfferedOnePollLater() {
        Settling s = new Settling();
        assertThat(s.settled(Map.of("a.jpg", "e1/t1/10", "big.jpg-4f1c", "/t2/1000"))).isEmpty();
        assertThat(s.settled(Map.of("a.jpg", "e1/t1/10", "big.jpg-4f1c", "/t3/900000"))).containsExactly("a.jpg");
        // the upload completes: the part is gone, the object appears, and is offered once it lists the same twice
        assertThat(s.settled(Map.of("a.jpg", "e1/t1/10", "big.jpg", "e2/t4/2000000"))).containsExactly("a.jpg");
        assertThat(s.settled(Map.of("a.jpg", "e1/t1/10", "big.jpg", "e2/t4/2000000")))
                .containsExactlyInAnyOrder("a.jpg", "big.jpg");
        // an overwrite is a new revision: one listing of grace again
        assertThat(s.settled(Map.of("a.jpg", "e9/t9/11", "big.jpg", "e2/t4/2000000"))).containsExactly("big.jpg");
    }
}
