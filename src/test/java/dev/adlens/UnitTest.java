package dev.adlens;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test of the unit layer: no models, no Tesseract, no local AWS stack, no browser, no packaged artifacts (a server
 * of our own on loopback is fine). `./adlens test --unit` runs exactly these (JUnit tag "unit"); `./adlens test`
 * runs everything.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("unit")
public @interface UnitTest {
}
