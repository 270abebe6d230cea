package dev.adlens.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.tensor.Tensor;
import dev.adlens.tensor.TensorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX model file opened as one ORT session: the only room that touches ONNX Runtime (ArchitectureTest). Callers
 * speak {@link Tensor}; every native tensor a call creates or receives is created and closed inside {@link #run}, as
 * DJL scopes its NDArrays per call. The session is thread-safe for concurrent runs (ORT's guarantee), so one instance
 * is shared by all workers; {@link #close()} releases the native session.
 */
public final class OnnxModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxModel.class);
    private final OrtEnvironment env;
    private final OrtSession session;
    private final Map<String, String> metadata;
    private final Path path;
    private final InFlight inFlight = new InFlight();

    private OnnxModel(Path path, OrtEnvironment env, OrtSession session, Map<String, String> metadata) {
        this.path = path;
        this.env = env;
        this.session = session;
        this.metadata = metadata;
    }

    /**
     * How a model is opened: {@code intraOpThreads} threads per run (0 lets ORT pick one per core); on the CUDA
     * execution provider when {@code cuda} is asked for and this ORT build has it (the {@code onnxruntime_gpu} artifact
     * with CUDA 12 libraries), otherwise, with a warning, on the CPU; the optimised graph kept in (and read from)
     * {@code cache}; {@code weightsQuantised}: see {@link #withWeightsQuantised}.
     */
    public record Options(int intraOpThreads, boolean cuda, GraphCache cache, boolean weightsQuantised) {
        /** {@code intraOpThreads} per run on the CPU, no graph cache. */
        public static Options threads(int intraOpThreads) {
            return new Options(intraOpThreads, false, GraphCache.NONE, false);
        }

        public Options withCuda(boolean cuda) {
            return new Options(intraOpThreads, cuda, cache, weightsQuantised);
        }

        /** The graph cache; none for weights kept quantised (their optimised graph would be the folded one). */
        public Options withCache(GraphCache cache) {
            return new Options(intraOpThreads, cuda, weightsQuantised ? GraphCache.NONE : cache, weightsQuantised);
        }

        /**
         * Weights stored quantised (uint8 + a dequantisation in the graph) stay quantised in memory and are dequantised
         * at every run: ORT's constant folding is off and no graph is cached. For a model that runs rarely — the folded
         * float copy of adult-check.onnx costs +235–245 MB of peak RSS against +61–68 MB, and a 0.7–1.4 s open against
         * 0.31–0.35 s, for ~4.5× less time per run (docs/performance.md, "The adult second opinion").
         */
        public Options withWeightsQuantised() {
            return new Options(intraOpThreads, cuda, GraphCache.NONE, true);
        }
    }

    /**
     * Opens {@code path} as {@code options} say.
     *
     * @throws AdlensException MODEL_INVALID when the file is missing or ORT rejects it
     */
    public static OnnxModel open(Path path, Options options) throws AdlensException {
        int intraOpThreads = options.intraOpThreads();
        boolean cuda = options.cuda();
        GraphCache cache = options.cache();
        if (!Files.isRegularFile(path)) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, "model file not found: " + path);
        }
        // Loading ORT and optimising the graph recurse deeply in native code. On a caller's thread with a default
        // stack this overflowed the guard page and killed the JVM without an error report (seen from the CLI's main
        // thread once the classpath grew with Quarkus and the AWS SDK; Lambda's poll thread is no bigger). A thread
        // of our own with a generous stack makes the outcome independent of the caller.
        AdlensException[] failure = new AdlensException[1];
        OnnxModel[] model = new OnnxModel[1];
        Thread loader = new Thread(null, () -> {
            try {
                model[0] = load(path, intraOpThreads, cuda, cache, options.weightsQuantised());
            } catch (AdlensException e) {
                failure[0] = e;
            }
        }, "adlens-onnx-load", LOADER_STACK_BYTES);
        loader.start();
        try {
            loader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdlensException(ErrorCode.MODEL_INVALID, "interrupted while loading " + path, e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        if (model[0] == null) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, "cannot load " + path + " (see the log)");
        }
        return model[0];
    }

    private static final long LOADER_STACK_BYTES = 64L << 20;

    /** Whether this ORT build offers the CUDA execution provider. */
    public static boolean cudaAvailable() {
        return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    }

    private static OnnxModel load(Path path, int intraOpThreads, boolean cuda, GraphCache cache, boolean quantised)
            throws AdlensException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        // CUDA sessions optimise for their provider: only CPU graphs are cached
        Optional<Path> entry = Optional.empty();
        try {
            entry = cuda || quantised ? Optional.empty() : cache.entryFor(path, env.getVersion());
        } catch (IOException e) {
            LOG.warn("graph cache unusable, optimising {} in process: {}", path.getFileName(), e.toString());
        }
        if (entry.isPresent()) {
            Optional<OnnxModel> cached = fromCache(path, entry.get(), env, intraOpThreads);
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        return session(path, path, env, intraOpThreads, cuda, OrtSession.SessionOptions.OptLevel.ALL_OPT, null,
                quantised);
    }

    /**
     * The session from the cached graph, writing the entry first when there is none. Anything wrong with the cache
     * (unwritable, a corrupt entry) costs only the saving: the caller optimises in process.
     */
    private static Optional<OnnxModel> fromCache(Path path, Path entry, OrtEnvironment env, int threads) {
        Path part = null;
        try {
            if (!Files.isRegularFile(entry)) {
                part = GraphCache.temporary(entry);
                session(path, path, env, threads, false, OrtSession.SessionOptions.OptLevel.EXTENDED_OPT, part, false)
                        .close();
                GraphCache.publish(part, entry);
            }
            return Optional.of(session(path, entry, env, threads, false, OrtSession.SessionOptions.OptLevel.ALL_OPT, null,
                    false));
        } catch (IOException | AdlensException | RuntimeException e) {
            LOG.warn("graph cache entry {} unusable, optimising {} in process: {}", entry, path.getFileName(), e.toString());
            try {
                Files.deleteIfExists(entry);
                if (part != null) {
                    Files.deleteIfExists(part); // a half-written graph from a failed save
                }
            } catch (IOException ignored) {
                // the next start tries again
            }
            return Optional.empty();
        }
    }

    /** A session over {@code file} (the model or its cached graph), named by the model's {@code path}. */
    private static OnnxModel session(Path path, Path file, OrtEnvironment env, int intraOpThreads, boolean cuda,
                                     OrtSession.SessionOptions.OptLevel level, Path saveTo, boolean quantised)
            throws AdlensException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(level);
            if (saveTo != null) {
                options.setOptimizedModelFilePath(saveTo.toString());
            }
            // ORT's idle intra-op threads spin by default; here they share the cores with Tesseract, which the
            // spinning starves (docs/performance.md, "Measurements behind code choices")
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            if (quantised) { // Options.withWeightsQuantised: keep the uint8 weights, dequantise per run
                options.addConfigEntry("optimization.disable_specified_optimizers", "ConstantFolding");
            }
            if (cuda && cudaAvailable()) {
                options.addCUDA(0);
            } else if (cuda) {
                LOG.warn(
                        "CUDA asked for but this ONNX Runtime has no CUDA provider (onnxruntime_gpu + CUDA 12 needed); using CPU");
            }
            OrtSession session = env.createSession(file.toString(), options);
            return new OnnxModel(path, env, session, Map.copyOf(session.getMetadata().getCustomMetadata()));
        } catch (OrtException e) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, "cannot load " + path + ": " + e.getMessage(), e);
        }
    }

    /** The graph's inputs as declared (name, KServe datatype, shape with -1 where it varies), in ORT's order. */
    public List<TensorSpec> inputs() {
        return specs(() -> session.getInputInfo());
    }

    /** The graph's outputs as declared, in ORT's order. */
    public List<TensorSpec> outputs() {
        return specs(() -> session.getOutputInfo());
    }

    private interface Infos {
        Map<String, NodeInfo> get() throws OrtException;
    }

    private List<TensorSpec> specs(Infos infos) {
        List<TensorSpec> out = new ArrayList<>();
        try {
            for (var e : infos.get().entrySet()) {
                if (e.getValue().getInfo() instanceof TensorInfo t) {
                    out.add(new TensorSpec(e.getKey(), Tensors.datatype(t.type), t.getShape()));
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException(path.getFileName() + ": tensor descriptions unreadable: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * One inference: {@code inputs} by graph input name, every output back by name in the graph's order. Native tensors
     * live only inside this call, counted {@link InFlight} so that {@link #close()} never frees the session under it.
     *
     * @throws AdlensException {@code failure} when ORT fails, an output is not a tensor, or the model is closed
     */
    public Map<String, Tensor> run(Map<String, Tensor> inputs, ErrorCode failure) throws AdlensException {
        Map<String, OnnxTensor> fed = new LinkedHashMap<>();
        try {
            for (var e : inputs.entrySet()) {
                fed.put(e.getKey(), Tensors.onnx(env, e.getValue()));
            }
            try (OrtSession.Result result = runCounted(fed)) {
                Map<String, Tensor> out = new LinkedHashMap<>();
                for (var e : result) {
                    out.put(e.getKey(), Tensors.tensor(e.getKey(), e.getValue()));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new AdlensException(failure, path.getFileName() + " failed: " + e.getMessage(), e);
        } finally {
            fed.values().forEach(OnnxTensor::close);
        }
    }

    private OrtSession.Result runCounted(Map<String, OnnxTensor> inputs) throws OrtException {
        if (!inFlight.enter()) {
            throw new OrtException("model " + path.getFileName() + " is closed");
        }
        try {
            return session.run(inputs);
        } finally {
            inFlight.exit();
        }
    }

    /** The model's custom metadata (ONNX metadata_props); adlens keeps its contracts there. */
    public Map<String, String> metadata() {
        return metadata;
    }

    public Path path() {
        return path;
    }

    /**
     * Refuses new calls, waits for those in flight (up to {@link InFlight#CLOSE_WAIT_MS}), then frees the session. A
     * call that does not return in time leaves the session allocated: a leak at shutdown rather than a crash.
     */
    @Override
    public void close() {
        int running = inFlight.closeWhenIdle();
        if (running < 0) {
            return;
        }
        if (running > 0) {
            LOG.atWarn().addKeyValue("model", path.getFileName()).addKeyValue("inFlight", running)
                    .log("ONNX calls still running at close; session left open");
            return;
        }
        try {
            session.close();
        } catch (OrtException e) {
            LOG.atWarn().addKeyValue("model", path.getFileName()).log("closing the ONNX session failed: {}", e.getMessage());
        }
    }
}
