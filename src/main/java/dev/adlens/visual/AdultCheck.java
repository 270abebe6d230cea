package dev.adlens.visual;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.image.RgbImage;
import dev.adlens.onnx.LazyOnnxModel;
import dev.adlens.onnx.OnnxModel;
import dev.adlens.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The second opinion on adult imagery: {@code visual/adult-check.onnx}, nsfwjs's InceptionV3 (299×299; built by
 * models/build/compose_adult_check.py), on the same stretched UINT8 input as {@code visual.onnx}. It is asked only
 * where the first model's scores would fire a rule (about 1 ad in 200 on real ads), so the model is opened on first
 * use. Thread-safe; does not own the {@link LazyOnnxModel}.
 */
public final class AdultCheck {
    /** Where the model lives under the models directory. */
    public static final String FILE = "visual/adult-check.onnx";
    private final LazyOnnxModel model;
    private final VisualContract contract;
    private volatile boolean checked;

    /**
     * The model at {@code file}, opened on first use as it runs best for a rarely asked model: its weights kept
     * quantised ({@link OnnxModel.Options#withWeightsQuantised}).
     */
    public static LazyOnnxModel model(Path file, int threads) {
        return new LazyOnnxModel(file, OnnxModel.Options.threads(threads).withWeightsQuantised());
    }

    /** @param contract the visual model's contract: the input size both models are given */
    public AdultCheck(LazyOnnxModel model, VisualContract contract) {
        this.model = model;
        this.contract = contract;
    }

    /**
     * InceptionV3's five probabilities for each image, in order.
     *
     * @throws AdlensException MODEL_INVALID when the model cannot be opened or does not take the visual model's input
     *                         or give nsfwjs's classes; ENCODER_FAILED
     *                         when it fails or answers with something other than probabilities
     */
    public List<AdultScores> scores(List<RgbImage> images) throws AdlensException {
        if (images.isEmpty()) {
            return List.of();
        }
        OnnxModel m = model.get();
        if (!checked) { // once: the metadata does not change while the model is open
            contract.requireSameInputAndClasses(model.path().toString(), m.metadata());
            checked = true;
        }
        Tensor adult = m.run(Map.of(VisualOutputs.INPUT, VisualOutputs.imageTensor(contract, images)),
                ErrorCode.ENCODER_FAILED).get(VisualOutputs.ADULT);
        int k = AdultScores.CLASSES.size();
        if (adult == null || !Arrays.equals(adult.shape(), new long[] {images.size(), k})) {
            throw new AdlensException(ErrorCode.ENCODER_FAILED, model.path() + " answered " + adult + ", expected ["
                    + images.size() + "," + k + "] adult probabilities");
        }
        float[] flat = adult.floats();
        List<AdultScores> out = new ArrayList<>(images.size());
        try {
            for (int i = 0; i < images.size(); i++) {
                out.add(AdultScores.of(VisualOutputs.probabilities(flat, i * k, k)));
            }
        } catch (IllegalArgumentException e) {
            throw new AdlensException(ErrorCode.ENCODER_FAILED, model.path() + ": " + e.getMessage(), e);
        }
        return out;
    }
}
