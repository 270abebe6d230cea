package dev.adlens.text;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.onnx.OnnxModel;
import dev.adlens.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs {@code text.onnx} in process with ONNX Runtime (CPU). Thread-safe: the shared session allows concurrent runs
 * and each call owns its tensors. Does not own the {@link OnnxModel}.
 */
public final class LocalOnnxTextEncoder implements TextEncoder {
    private final OnnxModel model;
    private final TextContract contract;
    private final int parallelRuns;

    /** One run at a time in {@link #encodeBatched}. */
    public LocalOnnxTextEncoder(OnnxModel model) throws AdlensException {
        this(model, 1);
    }

    /**
     * @param parallelRuns how many padded batches {@link #encodeBatched} runs at once: with a one-thread session (see
     *                     {@link LocalTextModel#open}), N callers use N cores without ORT's per-operator hand-offs
     */
    public LocalOnnxTextEncoder(OnnxModel model, int parallelRuns) throws AdlensException {
        if (parallelRuns < 1) {
            throw new IllegalArgumentException("parallelRuns must be >= 1");
        }
        this.model = model;
        this.contract = TextContract.fromMetadata(model.metadata());
        this.parallelRuns = parallelRuns;
    }

    @Override
    public TextContract contract() {
        return contract;
    }

    /**
     * Runs each text alone, never as a padded batch: text.onnx is dynamically quantized (DynamicQuantizeLinear takes
     * one scale per activation tensor), so padding and batch neighbours change every text's vectors (by how much:
     * docs/performance.md). One text per run keeps what serves equal to what trained the head.
     */
    @Override
    public List<float[]> encode(List<TokenizedText> batch) throws AdlensException {
        List<float[]> out = new ArrayList<>(batch.size());
        for (TokenizedText t : batch) {
            out.add(t.length() == 0 ? new float[0] : run(TextBatch.of(List.of(t))));
        }
        return out;
    }

    /** Texts per padded run in {@link #encodeBatched}. */
    static final int BATCH = 64;

    /**
     * Padded runs of up to {@link #BATCH} texts of similar length (sorted, so padding stays small), up to
     * {@code parallelRuns} at once. Each batch's vectors do not depend on which thread ran it (ORT's kernels are
     * deterministic for a given batch), so the result is the same at any parallelism.
     */
    @Override
    public List<float[]> encodeBatched(List<TokenizedText> texts) throws AdlensException {
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> texts.get(i).length()));
        float[][] out = new float[texts.size()][];
        List<List<Integer>> chunks = new ArrayList<>();
        for (int from = 0; from < order.length; from += BATCH) {
            List<Integer> which = new ArrayList<>();
            for (int k = from; k < Math.min(order.length, from + BATCH); k++) {
                if (texts.get(order[k]).length() == 0) {
                    out[order[k]] = new float[0];
                } else {
                    which.add(order[k]);
                }
            }
            if (!which.isEmpty()) {
                chunks.add(which);
            }
        }
        AtomicInteger next = new AtomicInteger();
        BatchRunner runner = () -> {
            for (int c = next.getAndIncrement(); c < chunks.size(); c = next.getAndIncrement()) {
                List<Integer> which = chunks.get(c);
                List<TokenizedText> chunk = which.stream().map(texts::get).toList();
                TextBatch batch = TextBatch.of(chunk);
                float[] states = run(batch);
                int dim = contract.dim();
                for (int b = 0; b < chunk.size(); b++) {
                    out[which.get(b)] = Arrays.copyOfRange(states, b * batch.width() * dim,
                            (b * batch.width() + chunk.get(b).length()) * dim);
                }
            }
        };
        runInParallel(runner, Math.min(parallelRuns, chunks.size()));
        return Arrays.asList(out);
    }

    private interface BatchRunner {
        void run() throws AdlensException;
    }

    /** Helpers' stack: ORT's kernels recurse in native code (see OnnxModel's loader thread); reserved, not committed. */
    private static final long HELPER_STACK_BYTES = 16L << 20;

    /** {@code runner} on the calling thread and {@code n - 1} helpers; the first failure is thrown after all end. */
    private static void runInParallel(BatchRunner runner, int n) throws AdlensException {
        List<Thread> helpers = new ArrayList<>();
        Exception[] failure = new Exception[1];
        Runnable guarded = () -> {
            try {
                runner.run();
            } catch (AdlensException | RuntimeException e) {
                synchronized (failure) {
                    if (failure[0] == null) {
                        failure[0] = e;
                    }
                }
            }
        };
        for (int i = 1; i < n; i++) {
            Thread t = new Thread(null, guarded, "adlens-text-batch", HELPER_STACK_BYTES);
            t.setDaemon(true);
            t.start();
            helpers.add(t);
        }
        guarded.run();
        boolean interrupted = false;
        for (Thread t : helpers) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the helpers share this call's output: wait for them, then keep the flag
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] instanceof AdlensException e) {
            throw e;
        }
        if (failure[0] instanceof RuntimeException e) {
            throw e;
        }
    }

    /** Runs the graph on a batch as given; the result is [n, width, dim] row-major (what serve-encoders answers). */
    public float[] run(TextBatch batch) throws AdlensException {
        long[][] data = {batch.inputIds(), batch.attentionMask(), batch.tokenTypeIds()};
        Map<String, Tensor> inputs = new HashMap<>();
        for (int i = 0; i < TextContract.INPUTS.length; i++) {
            inputs.put(TextContract.INPUTS[i], Tensor.ofLongs(TextContract.INPUTS[i], batch.shape(), data[i]));
        }
        Tensor out = model.run(inputs, ErrorCode.ENCODER_FAILED).get(TextContract.OUTPUT);
        if (out == null) {
            throw new AdlensException(ErrorCode.ENCODER_FAILED, "text.onnx failed: missing output " + TextContract.OUTPUT);
        }
        return out.floats();
    }
}
