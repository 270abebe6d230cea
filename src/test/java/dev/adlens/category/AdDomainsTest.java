package dev.adlens.category;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** OpenRTB adomain candidates from OCR text: real host names only, normalised, bounded. */
@dev.adlens.UnitTest
class AdDomainsTest {
    @Test
    void hostNamesWithAKnownSuffixAreFoundLowerCasedWithoutWww() {
        assertThat(AdDomains.find("Build your site at WWW.Weebly.com today or visit https://shop.example.co.uk/sale"))
                .containsExactly("weebly.com", "shop.example.co.uk");
        assertThat(AdDomains.find("betterconverterpro.com OS: Win/MacOS")).containsExactly("betterconverterpro.com");
    }

    @Test
    void ocrNoiseNumbersEmailsAndUnknownSuffixesAreNot() {
        assertThat(AdDomains.find("only 3.5 mg e.g. Dr. Smith, v2.0 file.exe sales@example.com and foo.bar"))
                .isEmpty();
        assertThat(AdDomains.find(null)).isEmpty();
    }

    @Test
    void atMostFiveAndEachOnce() {
        assertThat(AdDomains.find("a.com b.com a.com c.com d.com e.com f.com g.com"))
                .containsExactly("a.com", "b.com", "c.com", "d.com", "e.com");
    }
}
