package dev.adlens.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.visual.AdultScores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ad-quality model ({@code models/quality/quality.json}, written by models/train/quality.py from web-ads train):
 * per opinion a logistic regression on the standardised {@link QualitySignals} (sentence vector, log(1 + OCR words),
 * the five adult scores, the visual global vector), fitted on the share of viewers who said so, then Platt-recalibrated
 * on cross-validated predictions, so that a score reads as the share of viewers who would say so. Per ad format (the
 * web-ads researchers' format labels that measured well: native, advertorial, …) the same on the label, so that a
 * score reads as the chance the ad is that kind of unit; an ad without a picture gets no format scores. Immutable and
 * thread-safe.
 */
public final class QualityModel {
    public static final String FORMAT = "adlens-quality-2";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DIM = 8192;
    private static final int MAX_FORMATS = 16;

    private final String version;
    private final int sentenceDim;
    private final int globalDim;
    private final float[] mean;
    private final float[] scale;
    private final Map<String, Head> opinions;
    private final Map<String, Head> formats;

    /** One opinion's scorer: {@code share = sigmoid(a * (w . z + bias) + b)}, z the standardised features. */
    private record Head(double[] weights, double bias, double plattA, double plattB) {
    }

    private QualityModel(String version, int sentenceDim, int globalDim, float[] mean, float[] scale,
                         Map<String, Head> opinions, Map<String, Head> formats) {
        this.version = version;
        this.sentenceDim = sentenceDim;
        this.globalDim = globalDim;
        this.mean = mean;
        this.scale = scale;
        this.opinions = opinions;
        this.formats = formats;
    }

    /**
     * Reads and validates a model file.
     *
     * @throws AdlensException MODEL_INVALID when it cannot be read or is not a valid {@value #FORMAT} model
     */
    public static QualityModel load(Path file) throws AdlensException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw invalid(file, "cannot be read: " + e.getMessage());
        }
        return parse(root, file.toString());
    }

    static QualityModel parse(JsonNode root, String where) throws AdlensException {
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw invalid(where, "format is not " + FORMAT);
        }
        String version = root.path("version").asText("");
        if (version.isBlank()) {
            throw invalid(where, "no version");
        }
        JsonNode features = root.path("features");
        int sentenceDim = features.path("sentence").asInt(-1);
        int globalDim = features.path("global").asInt(-1);
        if (sentenceDim <= 0 || sentenceDim > MAX_DIM || !features.path("logWords").asBoolean(false)
                || !AdultScores.CLASSES.equals(strings(features.path("adult"))) || globalDim <= 0
                || globalDim > MAX_DIM) {
            throw invalid(where, "features must be {sentence: D, logWords: true, adult: " + AdultScores.CLASSES
                    + ", global: G}");
        }
        int dim = sentenceDim + 1 + AdultScores.CLASSES.size() + globalDim;
        float[] mean = floats(root.path("mean"), dim, where, "mean");
        float[] scale = floats(root.path("scale"), dim, where, "scale");
        for (float s : scale) {
            if (!(s > 0)) {
                throw invalid(where, "scale must be positive");
            }
        }
        Map<String, Head> heads = new LinkedHashMap<>();
        JsonNode ops = root.path("opinions");
        for (String name : QualityScores.OPINIONS) {
            JsonNode o = ops.path(name);
            if (o.isMissingNode()) {
                throw invalid(where, "no opinion " + name);
            }
            heads.put(name, head(o, dim, where, name));
        }
        if (ops.size() != heads.size()) {
            throw invalid(where, "opinions must be exactly " + QualityScores.OPINIONS);
        }
        JsonNode fs = root.path("formats");
        if (!fs.isObject() || fs.size() > MAX_FORMATS) {
            throw invalid(where, "formats must be an object of at most " + MAX_FORMATS + " formats");
        }
        Map<String, Head> formats = new LinkedHashMap<>();
        for (var it = fs.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!QualityScores.FORMATS.contains(e.getKey())) {
                throw invalid(where, "format '" + e.getKey() + "' is not one of " + QualityScores.FORMATS);
            }
            formats.put(e.getKey(), head(e.getValue(), dim, where, "formats." + e.getKey()));
        }
        return new QualityModel(version, sentenceDim, globalDim, mean, scale, Map.copyOf(heads),
                Collections.unmodifiableMap(formats));
    }

    private static Head head(JsonNode o, int dim, String where, String name) throws AdlensException {
        float[] w = floats(o.path("weights"), dim, where, name + ".weights");
        double[] weights = new double[dim];
        for (int i = 0; i < dim; i++) {
            weights[i] = w[i];
        }
        return new Head(weights, number(o.path("bias"), where, name + ".bias"),
                number(o.path("platt").path("a"), where, name + ".platt.a"),
                number(o.path("platt").path("b"), where, name + ".platt.b"));
    }

    public String version() {
        return version;
    }

    /** The sentence vector's dimension the model was fitted on: the labeler's text encoder must give the same. */
    public int sentenceDim() {
        return sentenceDim;
    }

    /** The ad formats the model scores, in its file's order (empty for a model without any). */
    public Set<String> formats() {
        return formats.keySet();
    }

    /**
     * The opinions (and, for an ad with a picture, the formats) of one ad. Without a sentence vector of the fitted
     * size there is nothing to score: {@link QualityScores#UNMEASURED}. Unmeasured adult scores, and the global
     * vector of an ad without a picture, count as the training mean.
     */
    public QualityScores score(QualitySignals s) {
        if (s.sentence() == null || s.sentence().length != sentenceDim) {
            return QualityScores.UNMEASURED;
        }
        double[] z = standardised(s);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String name : QualityScores.OPINIONS) {
            out.put(name, probability(opinions.get(name), z));
        }
        Map<String, Double> kinds = new LinkedHashMap<>();
        if (hasGlobal(s)) {
            formats.forEach((name, h) -> kinds.put(name, probability(h, z)));
        }
        return new QualityScores(out, kinds, true);
    }

    private boolean hasGlobal(QualitySignals s) {
        return s.global() != null && s.global().length == globalDim;
    }

    private static double probability(Head h, double[] z) {
        double logit = h.bias();
        for (int i = 0; i < z.length; i++) {
            logit += h.weights()[i] * z[i];
        }
        return sigmoid(h.plattA() * logit + h.plattB());
    }

    private double[] standardised(QualitySignals s) {
        double[] z = new double[mean.length];
        for (int i = 0; i < sentenceDim; i++) {
            z[i] = (s.sentence()[i] - mean[i]) / scale[i];
        }
        z[sentenceDim] = (Math.log1p(s.words()) - mean[sentenceDim]) / scale[sentenceDim];
        if (s.adult().measured()) {
            for (int k = 0; k < AdultScores.CLASSES.size(); k++) {
                int i = sentenceDim + 1 + k;
                z[i] = (s.adult().score(AdultScores.CLASSES.get(k)) - mean[i]) / scale[i];
            }
        }
        if (hasGlobal(s)) {
            int from = sentenceDim + 1 + AdultScores.CLASSES.size();
            for (int k = 0; k < globalDim; k++) {
                z[from + k] = (s.global()[k] - mean[from + k]) / scale[from + k];
            }
        }
        return z;
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static float[] floats(JsonNode array, int dim, String where, String what) throws AdlensException {
        if (!array.isArray() || array.size() != dim) {
            throw invalid(where, what + " must be an array of " + dim + " numbers");
        }
        float[] out = new float[dim];
        for (int i = 0; i < dim; i++) {
            out[i] = (float) number(array.get(i), where, what);
        }
        return out;
    }

    private static double number(JsonNode n, String where, String what) throws AdlensException {
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw invalid(where, what + " must be a finite number");
        }
        return n.asDouble();
    }

    private static AdlensException invalid(Object where, String why) {
        return new AdlensException(ErrorCode.MODEL_INVALID, "quality model " + where + ": " + why);
    }

    @Override
    public String toString() {
        return "QualityModel[" + version + ", sentence " + sentenceDim + ", global " + globalDim + ", formats "
                + formats.keySet() + "]";
    }
}
