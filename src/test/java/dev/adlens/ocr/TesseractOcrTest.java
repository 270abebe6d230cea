package dev.adlens.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adlens.IntegrationTest;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.image.RgbImage;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real Tesseract (system libtesseract 5 + eng.traineddata) on rendered ads with known text. */
@IntegrationTest
class TesseractOcrTest {
    static final Path TESSDATA = dev.adlens.TestModels.tessdata();
    static TesseractOcr ocr;

    @BeforeAll
    static void open() throws Exception {
        ocr = new TesseractOcr(new OcrConfig(TESSDATA, "eng", 2, 55f, 0.08));
    }

    @AfterAll
    static void close() {
        ocr.close();
    }

    /** A banner: light headline on a saturated band, dark body copy on white. */
    static RgbImage banner(Color band, Color headline) {
        BufferedImage img = new BufferedImage(900, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 900, 300);
        g.setColor(band);
        g.fillRect(0, 0, 900, 150);
        g.setColor(headline);
        g.setFont(new Font("DejaVu Sans", Font.BOLD, 80));
        g.drawString("SUMMER SALE", 60, 110);
        g.setColor(Color.BLACK);
        g.setFont(new Font("DejaVu Sans", Font.PLAIN, 40));
        g.drawString("Free shipping on all orders", 60, 235);
        g.dispose();
        return RgbImage.of(img);
    }

    static List<String> lower(OcrResult r) {
        return r.words().stream().map(w -> w.text().toLowerCase(Locale.ROOT)).toList();
    }

    @Test
    void readsLightTextOnAColouredBannerAndTheBodyCopy() throws Exception {
        OcrResult r = ocr.read(banner(new Color(255, 200, 0), new Color(255, 255, 235)));
        assertThat(r.passes()).containsExactly("luminance", "min-channel");
        assertThat(lower(r)).contains("summer", "sale", "free", "shipping", "orders");
        OcrWord summer = r.words().stream().filter(w -> w.text().equalsIgnoreCase("SUMMER")).findFirst().orElseThrow();
        assertThat(summer.y() + summer.height()).isLessThan(150); // box in original pixels, inside the band
        assertThat(summer.x()).isBetween(40, 100);
        assertThat(lower(r).indexOf("summer")).isLessThan(lower(r).indexOf("free")); // reading order
    }

    @Test
    void plainBlackOnWhiteNeedsOnePass() throws Exception {
        OcrResult r = ocr.read(banner(Color.WHITE, Color.BLACK));
        assertThat(r.passes()).containsExactly("luminance");
        assertThat(lower(r)).containsSubsequence("summer", "sale", "free", "shipping", "on", "all", "orders");
        assertThat(r.words()).allSatisfy(w -> assertThat(w.confidence()).isGreaterThanOrEqualTo(55f));
    }

    @Test
    void blankImageYieldsNoWords() throws Exception {
        assertThat(ocr.read(banner(Color.WHITE, Color.WHITE)).words()).extracting(OcrWord::text)
                .doesNotContain("SUMMER", "SALE");
        BufferedImage noise = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        assertThat(ocr.read(RgbImage.of(noise)).words()).isEmpty();
    }

    @Test
    void enginesAreSharedSafelyBetweenThreads() throws Exception {
        RgbImage img = banner(Color.WHITE, Color.BLACK);
        String expected = ocr.read(img).text();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit(() -> ocr.read(img).text()));
            }
            for (Future<String> f : results) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theSecondPassRunsBesideTheFirstAndReadsTheSameWordsAsOneAfterTheOther() throws Exception {
        RgbImage colourful = banner(new Color(255, 200, 0), new Color(255, 255, 235));
        OcrResult sequential = ocr.read(colourful);
        assertThat(sequential.passes()).containsExactly("luminance", "min-channel");
        ExecutorService passPool = Executors.newFixedThreadPool(2);
        AtomicInteger besides = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try (TesseractOcr beside = new TesseractOcr(new OcrConfig(TESSDATA, "eng", 2, 55f, 0.08), task -> {
            besides.incrementAndGet();
            passPool.execute(task);
        })) {
            List<Future<OcrResult>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(readers.submit(() -> beside.read(colourful)));
            }
            for (Future<OcrResult> f : results) {
                OcrResult r = f.get();
                assertThat(r.passes()).isEqualTo(sequential.passes());
                assertThat(r.words()).isEqualTo(sequential.words());
            }
            assertThat(besides.get()).as("second passes handed to the pass executor").isBetween(1, 6);
            assertThat(beside.spareCount()).as("at most one spare per reader").isBetween(1, 2);
            assertThat(beside.engineCount()).isBetween(1, 2);
            OcrResult plain = beside.read(banner(Color.WHITE, Color.BLACK));
            assertThat(plain.passes()).containsExactly("luminance");
        } finally {
            readers.shutdown();
            passPool.shutdown();
        }
    }

    @Test
    void aPassExecutorThatRefusesWorkLeavesBothPassesToTheReader() throws Exception {
        RgbImage colourful = banner(new Color(255, 200, 0), new Color(255, 255, 235));
        OcrResult sequential = ocr.read(colourful);
        ExecutorService stopped = Executors.newSingleThreadExecutor();
        stopped.shutdown();
        try (TesseractOcr beside = new TesseractOcr(new OcrConfig(TESSDATA, "eng", 1, 55f, 0.08), stopped)) {
            assertThat(beside.read(colourful).words()).isEqualTo(sequential.words());
            assertThat(beside.read(colourful).words()).isEqualTo(sequential.words());
            assertThat(beside.spareCount()).as("no spare is made for an executor that refuses").isZero();
        }
    }

    @Test
    void enginesAreCreatedAsReadsOverlapAndNeverBeyondTheConfiguredCount() throws Exception {
        try (TesseractOcr own = new TesseractOcr(new OcrConfig(TESSDATA, "eng", 2, 55f, 0.08))) {
            assertThat(own.engineCount()).isEqualTo(1); // the first image does not wait for the second engine
            RgbImage img = banner(Color.WHITE, Color.BLACK);
            own.read(img);
            own.read(img);
            assertThat(own.engineCount()).as("sequential reads share one engine").isEqualTo(1);
            TesseractEngine first = own.borrow();
            TesseractEngine second = own.borrow(); // the first is out: a second engine is made
            assertThat(second).isNotSameAs(first);
            assertThat(own.engineCount()).isEqualTo(2);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<TesseractEngine> third = pool.submit(own::borrow);
                assertThatThrownBy(() -> third.get(300, java.util.concurrent.TimeUnit.MILLISECONDS))
                        .as("no third engine: the third reader waits").isInstanceOf(TimeoutException.class);
                own.giveBack(first);
                assertThat(third.get(5, java.util.concurrent.TimeUnit.SECONDS)).isSameAs(first);
                own.giveBack(first);
                own.giveBack(second);
            } finally {
                pool.shutdownNow();
            }
            assertThat(own.engineCount()).isEqualTo(2);
            assertThat(own.read(img).text()).contains("SUMMER");
        }
    }

    @Test
    void closeWaitsForAReadInFlightAndLaterReadsFailTyped() throws Exception {
        TesseractOcr own = new TesseractOcr(new OcrConfig(TESSDATA, "eng", 1, 55f, 0.08));
        RgbImage big = banner(new Color(20, 60, 160), Color.WHITE);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
            Future<OcrResult> reading = pool.submit(() -> {
                started.countDown();
                return own.read(big);
            });
            started.await();
            Thread.sleep(20); // the read is (most likely) inside Tesseract now
            own.close();      // before the fix: engines freed under the running recognition (SIGSEGV)
            assertThat(reading.get().words()).isNotEmpty();
            assertThatThrownBy(() -> own.read(big)).isInstanceOf(AdlensException.class)
                    .extracting(e -> ((AdlensException) e).code()).isEqualTo(ErrorCode.OCR_FAILED);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void denseSmallPrintStopsAtTheDeadlineWithATypedTimeout() throws Exception {
        RgbImage dense = RgbImage.of(dev.adlens.hostile.HostileCorpus.denseText(600, 600, 20));
        long start = System.nanoTime();
        assertThat(ocr.read(dense).words()).hasSizeGreaterThan(100); // unbounded: ~6 s here
        long unbounded = System.nanoTime() - start;
        start = System.nanoTime();
        assertThatThrownBy(() -> ocr.read(dense, dev.adlens.time.Deadline.in(500)))
                .isInstanceOfSatisfying(dev.adlens.error.AdlensException.class,
                        e -> assertThat(e.code()).isEqualTo(dev.adlens.error.ErrorCode.PROCESSING_TIMEOUT));
        // measured against the unbounded read in this run, so a slow or loaded machine scales both
        assertThat(System.nanoTime() - start).isLessThan(unbounded / 2);
        assertThat(lower(ocr.read(banner(Color.WHITE, Color.BLACK), dev.adlens.time.Deadline.in(20_000))))
                .contains("summer", "sale"); // the engine is fine after a cancelled read
    }

    @ParameterizedTest
    @ValueSource(ints = {2000, 10000})
    void thinBannersAreReadAtAReadableHeight(int width) throws Exception {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(width, 50,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, 50);
        g.setColor(Color.BLACK);
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 35));
        g.drawString("SALE TODAY 50% OFF", 25, 39);
        g.dispose();
        assertThat(TesseractOcr.scale(width, 50, ocr.config())).isEqualTo(1.0);
        assertThat(lower(ocr.read(RgbImage.of(img)))).contains("sale", "today", "off");
    }

    @Test
    void missingLanguageDataIsAModelError() {
        assertThatThrownBy(() -> new TesseractOcr(new OcrConfig(Path.of("/nonexistent"), "eng", 1, 55f, 0.08)))
                .isInstanceOf(AdlensException.class)
                .extracting(e -> ((AdlensException) e).code()).isEqualTo(ErrorCode.MODEL_INVALID);
    }
}
