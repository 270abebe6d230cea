package dev.adlens.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.IntegrationTest;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JVM function.zip, started as PackagedFunctionIT starts it (the AWS runtime interface client loading
 * QuarkusStreamHandler), with a pipeline that cannot be built: JNA's native library cannot load, so building it throws
 * an Error. Each invocation must end with an invocation error that names it — not a timeout — and the process must
 * exit once the Runtime API is gone. (The native function's own poll loop: NativeFunctionFailureTest.)
 */
@IntegrationTest
class FunctionFailureIT {
    static final Path TARGET = Path.of("target").toAbsolutePath();

    @Test
    void aHandlerThatCannotBeBuiltAnswersEachInvocationWithItsErrorAndTheProcessExitsWithTheApi() throws Exception {
        Path app = PackagedFunctionIT.unpack(TARGET.resolve("function.zip"), TARGET.resolve("function-failure-it"));
        var command = FunctionProcess.java(FunctionProcess.JNA_UNLOADABLE, "-cp",
                app + File.pathSeparator + app.resolve("lib") + "/*" + File.pathSeparator
                        + TARGET.resolve("lambda-runtime") + "/*",
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest");
        try (FunctionProcess f = new FunctionProcess(command, TARGET.resolve("function-failure-it.log"))) {
            assertEachInvocationFailsWithTheErrorAndTheProcessExits(f);
        }
    }

    /** Shared with NativeFunctionFailureTest: the same promise, whichever runtime polls. */
    static void assertEachInvocationFailsWithTheErrorAndTheProcessExits(FunctionProcess f) throws Exception {
        for (int i = 0; i < 2; i++) { // the second: the poll loop outlived the first failure
            HttpResponse<String> r = f.invoke(Events.http("GET", "/v1/labels/b/k.jpg", Map.of(), null, null, false),
                    Duration.ofSeconds(120));
            assertThat(r.statusCode()).as("%s\nfunction log:\n%s", r.body(), Files.readString(f.log)).isEqualTo(500);
            assertThat(r.body()).containsAnyOf("NoClassDefFoundError", "UnsatisfiedLinkError",
                    "ExceptionInInitializerError");
        }
        assertThat(f.exitsWithoutTheApi(Duration.ofSeconds(30)))
                .as("the process exits once the Runtime API is gone; its log:\n%s", Files.readString(f.log)).isTrue();
    }
}
