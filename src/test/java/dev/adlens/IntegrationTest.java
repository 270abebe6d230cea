package dev.adlens;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test with real peers: the ONNX models, Tesseract, the local AWS stand-ins (S3Proxy, dynalite), a browser, the
 * packaged artifacts or a process of the CLI. `./adlens test` runs these beside the {@link UnitTest}s (JUnit tag
 * "integration"); every test class carries exactly one of the two (ArchitectureTest).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("integration")
public @interface IntegrationTest {
}
