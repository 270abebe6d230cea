package dev.adlens.ocr;

import com.sun.jna.Pointer;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import net.sourceforge.tess4j.ITessAPI;
import net.sourceforge.tess4j.TessAPI;

/**
 * One native Tesseract instance, initialised once (loading the LSTM model costs ~0.1 s) and reused.
 * <b>Not thread-safe</b>: Tesseract's API object must be used by one thread at a time; {@link TesseractOcr}
 * lends each engine to one worker. Owns the native handle until {@link #close()}.
 */
final class TesseractEngine implements AutoCloseable {
    /** Sparse text: ads scatter headlines, prices and small print instead of paragraphs. */
    static final int PSM_SPARSE_TEXT = ITessAPI.TessPageSegMode.PSM_SPARSE_TEXT;
    /** Automatic layout: finds large headline lines that sparse mode misses (measured in TesseractOcrTest). */
    static final int PSM_AUTO = ITessAPI.TessPageSegMode.PSM_AUTO;

    /** Interface mapping (bound lazily): the direct mapping TessAPI1 binds every symbol up front and fails on
     * Debian 12's libtesseract 5.3.0, which lacks TessPAGERendererCreate. */
    private static final TessAPI API = TessAPI.INSTANCE;

    private final ITessAPI.TessBaseAPI handle;

    static {
        quietLeptonica();
    }

    /**
     * Leptonica prints internal complaints ("boxClipToRectangle: box outside rectangle") to stderr for boxes that
     * Tesseract itself handles; they are not errors of ours and would bury real logs. Silenced process-wide.
     */
    private static void quietLeptonica() {
        try {
            com.sun.jna.NativeLibrary.getInstance("lept").getFunction("setMsgSeverity").invokeInt(new Object[]{6});
        } catch (UnsatisfiedLinkError e) {
            // an unusual Leptonica build: keep its messages
        }
    }

    TesseractEngine(OcrConfig config) throws AdlensException {
        handle = API.TessBaseAPICreate();
        if (API.TessBaseAPIInit3(handle, config.tessdata().toString(), config.language()) != 0) {
            API.TessBaseAPIDelete(handle);
            throw new AdlensException(ErrorCode.MODEL_INVALID, "Tesseract cannot load '" + config.language()
                    + "' from " + config.tessdata());
        }
        API.TessBaseAPISetVariable(handle, "user_defined_dpi", "300"); // ads carry no reliable DPI
        API.TessBaseAPISetVariable(handle, "debug_file", "/dev/null");
    }

    /**
     * Words of {@code view} read in page segmentation mode {@code psm}, boxes mapped back to the un-scaled image,
     * within {@code timeoutMillis}: Tesseract's progress monitor (ETEXT_DESC) carries the deadline and recognition
     * stops at the next word once it has passed (a 14 KB PNG of dense small print took 17 s; larger ones minutes).
     */
    List<OcrWord> read(GrayView view, int psm, long timeoutMillis) throws AdlensException {
        API.TessBaseAPISetPageSegMode(handle, psm);
        ByteBuffer pixels = ByteBuffer.allocateDirect(view.pixels().length).put(view.pixels());
        pixels.flip();
        API.TessBaseAPISetImage(handle, pixels, view.width(), view.height(), 1, view.width());
        ITessAPI.ETEXT_DESC monitor = null;
        long start = System.nanoTime();
        try {
            if (timeoutMillis != Long.MAX_VALUE) {
                monitor = API.TessMonitorCreate();
                API.TessMonitorSetDeadlineMSecs(monitor, (int) Math.min(Integer.MAX_VALUE, timeoutMillis));
            }
            int status = API.TessBaseAPIRecognize(handle, monitor);
            // Layout analysis runs before the monitor is first consulted, so the deadline can pass with status 0
            // and a few words read: past the deadline is a timeout either way.
            if (monitor != null && (System.nanoTime() - start) / 1_000_000 >= timeoutMillis) {
                throw new AdlensException(ErrorCode.PROCESSING_TIMEOUT, "OCR took longer than " + timeoutMillis
                        + " ms");
            }
            if (status != 0) {
                throw new AdlensException(ErrorCode.OCR_FAILED, "Tesseract recognition failed");
            }
            return words(view.scale());
        } finally {
            API.TessBaseAPIClear(handle);
            if (monitor != null) {
                API.TessMonitorDelete(monitor);
            }
        }
    }

    private List<OcrWord> words(double scale) {
        List<OcrWord> words = new ArrayList<>();
        ITessAPI.TessResultIterator it = API.TessBaseAPIGetIterator(handle);
        if (it == null) {
            return words;
        }
        try {
            ITessAPI.TessPageIterator page = API.TessResultIteratorGetPageIterator(it);
            IntBuffer l = IntBuffer.allocate(1), t = IntBuffer.allocate(1), r = IntBuffer.allocate(1),
                    b = IntBuffer.allocate(1);
            int level = ITessAPI.TessPageIteratorLevel.RIL_WORD;
            do {
                Pointer text = API.TessResultIteratorGetUTF8Text(it, level);
                if (text == null) {
                    continue;
                }
                String word = text.getString(0, "UTF-8").strip();
                API.TessDeleteText(text);
                API.TessPageIteratorBoundingBox(page, level, l, t, r, b);
                words.add(new OcrWord(word, API.TessResultIteratorConfidence(it, level),
                        (int) Math.round(l.get(0) / scale), (int) Math.round(t.get(0) / scale),
                        (int) Math.round((r.get(0) - l.get(0)) / scale), (int) Math.round((b.get(0) - t.get(0)) / scale)));
            } while (API.TessResultIteratorNext(it, level) == ITessAPI.TRUE);
        } finally {
            API.TessResultIteratorDelete(it);
        }
        return words;
    }

    @Override
    public void close() {
        API.TessBaseAPIEnd(handle);
        API.TessBaseAPIDelete(handle);
    }
}
