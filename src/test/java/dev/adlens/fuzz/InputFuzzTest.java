package dev.adlens.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.UnitTest;
import dev.adlens.error.AdlensException;
import dev.adlens.image.ImageDecoder;
import dev.adlens.image.ImageLimits;
import dev.adlens.kserve.InferMessage;
import dev.adlens.kserve.InferProtocolException;
import dev.adlens.trigger.TriggerParser;
import java.io.IOException;

/**
 * Fuzz tests of the three parsers that read bytes from outside: the image decoder, the trigger parser and the KServe
 * message codec. Each may only answer with its typed failure; anything else (another exception, an error, a hang
 * Jazzer reports) is a finding. Without JAZZER_FUZZ these run as regression tests over their seed directories
 * (src/test/resources/dev/adlens/fuzz/InputFuzzTestInputs/, seeded from the test fixtures); .ci/run fuzzes each for a
 * bounded time.
 */
@UnitTest
class InputFuzzTest {
    private static final ImageDecoder DECODER = new ImageDecoder(new ImageLimits(20L << 20, 4_000_000L, 32, 1024));
    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxDuration = "30s")
    void imageDecoder(byte[] bytes) {
        try {
            DECODER.decode(bytes, 5_000);
        } catch (AdlensException expected) {
            // typed: UNSUPPORTED_FORMAT, CORRUPT_IMAGE, IMAGE_TOO_LARGE/SMALL, PROCESSING_TIMEOUT
        }
    }

    @FuzzTest(maxDuration = "30s")
    void triggerParser(byte[] bytes) {
        JsonNode event;
        try {
            event = JSON.readTree(bytes);
        } catch (IOException notJson) {
            return; // the handler answers unreadable bodies before parsing
        }
        if (event == null) {
            return;
        }
        try {
            TriggerParser.parse(event);
        } catch (IllegalArgumentException expected) {
            // an event of no supported shape
        }
    }

    @FuzzTest(maxDuration = "30s")
    void kserveCodec(FuzzedDataProvider data) {
        int headerLength = data.consumeInt(-1, 4096);
        String field = data.pickValue(new String[]{"inputs", "outputs"});
        byte[] body = data.consumeRemainingAsBytes();
        try {
            InferMessage.Parsed parsed = InferMessage.parse(body, headerLength, field);
            parsed.tensors().values().forEach(t -> t.shape()); // touch what a caller reads
        } catch (InferProtocolException expected) {
            // malformed
        }
    }
}
