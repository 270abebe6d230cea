package dev.adlens.visual;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.image.RgbImage;
import dev.adlens.tensor.Tensor;
import dev.adlens.tensor.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the output tensors of {@code visual.onnx} (local or remote) into {@link VisualFeatures}: the five feature
 * outputs every encoder must give, and {@link #ADULT}, which a model built before it (or an endpoint serving one)
 * lacks: its features then carry {@link AdultScores#UNMEASURED}.
 */
public final class VisualOutputs {
    public static final String INPUT = "image";
    /** The outputs every visual encoder gives. */
    public static final List<String> OUTPUTS = List.of("global", "objects", "boxes", "classes", "scores");
    /** nsfwjs's classifier, FP32 [N,5] in {@link AdultScores#CLASSES} order; only where the contract has it. */
    public static final String ADULT = "adult";

    private VisualOutputs() {
    }

    /** The input: UINT8 [N,H,W,3] RGB. */
    public static TensorSpec input(VisualContract c) {
        return new TensorSpec(INPUT, "UINT8", -1, c.height(), c.width(), 3);
    }

    /**
     * The outputs, in {@link #names} order: the one table the local, remote and served encoder all read (the five of
     * {@link #OUTPUTS}, then {@link #ADULT} where the contract has it).
     */
    public static List<TensorSpec> outputs(VisualContract c) {
        int l = c.topL();
        List<TensorSpec> specs = new ArrayList<>(List.of(new TensorSpec("global", "FP32", -1, c.globalDim()),
                new TensorSpec("objects", "FP32", -1, l, c.objectDim()), new TensorSpec("boxes", "FP32", -1, l, 4),
                new TensorSpec("classes", "INT64", -1, l), new TensorSpec("scores", "FP32", -1, l)));
        if (c.hasAdult()) {
            specs.add(new TensorSpec(ADULT, "FP32", -1, c.adultClasses().size()));
        }
        return List.copyOf(specs);
    }

    /** The names of {@link #outputs}: what a model with this contract gives. */
    public static List<String> names(VisualContract c) {
        return c.hasAdult() ? List.of("global", "objects", "boxes", "classes", "scores", ADULT) : OUTPUTS;
    }

    /** The input tensor for {@code images}: each stretched to the contract's size, UINT8 [N,H,W,3] RGB. */
    public static Tensor imageTensor(VisualContract contract, List<RgbImage> images) {
        int frame = contract.width() * contract.height() * 3;
        byte[] data = new byte[frame * images.size()];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(InputResizer.stretch(images.get(i), contract.width(), contract.height()).rgb(), 0, data,
                    i * frame, frame);
        }
        return new Tensor(INPUT, "UINT8", input(contract).shapeFor(images.size()), data);
    }

    /**
     * Output tensors (flat, from ORT or a KServe response) to features, checking every shape against the contract.
     * Without an {@link #ADULT} tensor (an endpoint serving a model built before it) the features carry
     * {@link AdultScores#UNMEASURED}.
     *
     * @throws AdlensException ENCODER_FAILED for a missing feature output, a wrong type or shape, or adult scores
     *                         that are not probabilities
     */
    public static List<VisualFeatures> fromTensors(VisualContract c, int n, Map<String, Tensor> out)
            throws AdlensException {
        for (String name : OUTPUTS) {
            check(out.containsKey(name), "output set (no " + name + ")");
        }
        try {
            int l = c.topL();
            for (TensorSpec spec : outputs(c)) {
                if (out.containsKey(spec.name())) {
                    expect(out.get(spec.name()), spec.shapeFor(n));
                }
            }
            float[] g = out.get("global").floats();
            float[] o = out.get("objects").floats();
            float[] b = out.get("boxes").floats();
            long[] k = out.get("classes").longs();
            float[] s = out.get("scores").floats();
            float[][] global = new float[n][];
            float[][][] objects = new float[n][l][];
            float[][][] boxes = new float[n][l][];
            long[][] classes = new long[n][];
            float[][] scores = new float[n][];
            for (int i = 0; i < n; i++) {
                global[i] = java.util.Arrays.copyOfRange(g, i * c.globalDim(), (i + 1) * c.globalDim());
                classes[i] = java.util.Arrays.copyOfRange(k, i * l, (i + 1) * l);
                scores[i] = java.util.Arrays.copyOfRange(s, i * l, (i + 1) * l);
                for (int j = 0; j < l; j++) {
                    int row = i * l + j;
                    objects[i][j] = java.util.Arrays.copyOfRange(o, row * c.objectDim(), (row + 1) * c.objectDim());
                    boxes[i][j] = java.util.Arrays.copyOfRange(b, row * 4, (row + 1) * 4);
                }
            }
            List<VisualFeatures> features = parse(c, n, global, objects, boxes, classes, scores);
            Tensor adult = c.hasAdult() ? out.get(ADULT) : null;
            if (adult == null) {
                return features;
            }
            float[] a = adult.floats();
            int width = c.adultClasses().size();
            List<VisualFeatures> withAdult = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                VisualFeatures f = features.get(i);
                withAdult.add(new VisualFeatures(f.global(), f.objects(), f.detections(),
                        AdultScores.of(probabilities(a, i * width, width))));
            }
            return withAdult;
        } catch (IllegalArgumentException e) {
            throw new AdlensException(ErrorCode.ENCODER_FAILED, "visual encoder output: " + e.getMessage(), e);
        }
    }

    /** A softmax row; float rounding may put a value a hair outside [0,1], anything else (NaN) stays and fails. */
    static float[] probabilities(float[] flat, int from, int k) {
        float[] p = new float[k];
        for (int j = 0; j < k; j++) {
            float v = flat[from + j];
            p[j] = v >= -1e-5f && v <= 1 + 1e-5f ? Math.min(1f, Math.max(0f, v)) : v;
        }
        return p;
    }

    private static Tensor expect(Tensor t, long[] shape) {
        if (!java.util.Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException(t + " where " + java.util.Arrays.toString(shape) + " was expected");
        }
        return t;
    }

    /**
     * @throws AdlensException ENCODER_FAILED when a tensor's shape disagrees with the contract
     */
    public static List<VisualFeatures> parse(VisualContract contract, int n, float[][] global, float[][][] objects,
                                             float[][][] boxes, long[][] classes, float[][] scores)
            throws AdlensException {
        check(global.length == n && objects.length == n && boxes.length == n && classes.length == n
                && scores.length == n, "batch size");
        List<VisualFeatures> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            check(global[i].length == contract.globalDim(), "global dim");
            check(objects[i].length == contract.topL() && objects[i][0].length == contract.objectDim(), "objects");
            List<Detection> detections = new ArrayList<>(contract.topL());
            for (int j = 0; j < contract.topL(); j++) {
                int id = (int) classes[i][j];
                float[] b = boxes[i][j];
                detections.add(new Detection(id, contract.cocoLabels().getOrDefault(id, "coco-" + id),
                        scores[i][j], b[0], b[1], b[2], b[3]));
            }
            out.add(new VisualFeatures(global[i], objects[i], detections));
        }
        return out;
    }

    private static void check(boolean ok, String what) throws AdlensException {
        if (!ok) {
            throw new AdlensException(ErrorCode.ENCODER_FAILED, "visual encoder output has a wrong " + what);
        }
    }
}
