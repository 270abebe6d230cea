package dev.adlens.lambda;

import dev.adlens.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What FunctionFailureIT asks of the JVM function, asked of the native one's code: the application jar Quarkus's
 * native build step hands native-image (native-build/check-inputs → target/native-inputs/source-jar), run on a JVM.
 * There Quarkus polls the Runtime API with its own loop, as the native executable does, and that loop posts an
 * invocation error only for an Exception: an Error from building the handler ended it silently, and a stopped
 * application left the process waiting for ever. JNA cannot load here, as it could not in the first linked image.
 * Tagged: runs in the native-analysis stage, which makes the inputs.
 */
@IntegrationTest
@Tag("native-analysis")
class NativeFunctionFailureTest {
    @Test
    void aHandlerThatCannotBeBuiltAnswersEachInvocationWithItsErrorAndTheProcessExitsWithTheApi() throws Exception {
        Path runner;
        try (Stream<Path> s = Files.list(Path.of("target", "native-inputs", "source-jar"))) {
            runner = s.filter(p -> p.toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("run native-build/check-inputs first"));
        }
        Path log = Path.of("target", "native-function-failure.log").toAbsolutePath();
        var command = FunctionProcess.java(FunctionProcess.JNA_UNLOADABLE, "-jar", runner.toAbsolutePath().toString());
        try (FunctionProcess f = new FunctionProcess(command, log)) {
            FunctionFailureIT.assertEachInvocationFailsWithTheErrorAndTheProcessExits(f);
        }
    }
}
