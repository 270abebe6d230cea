package dev.adlens.visual;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/** Turns the five output tensors of {@code visual.onnx} (local or remote) into {@link VisualFeatures}. */
public final class VisualOutputs {
    private VisualOutputs() {
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
