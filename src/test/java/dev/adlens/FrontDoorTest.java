package dev.adlens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The front door explains itself (issue 23 item 6): a download that cannot happen fails fast and says why. */
class FrontDoorTest {
    @Test
    void aFetchFromAnUnreachableRegistryFailsFastWithItsReason(@TempDir Path cache) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "models/build/fetch").redirectErrorStream(true);
        pb.environment().put("ADLENS_CACHE", cache.toString());
        pb.environment().put("npm_config_registry", "http://127.0.0.1:9/"); // discard port: nothing answers
        long start = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(30.0);
        assertThat(out).contains("models/build/fetch: downloading").contains("could not download")
                .contains("ECONNREFUSED").contains("npm config get registry");
    }
}
