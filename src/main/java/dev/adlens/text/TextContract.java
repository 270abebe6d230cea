package dev.adlens.text;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.util.Map;

/**
 * The contract of {@code text.onnx} as its metadata states it (written by models/build/pack_text.py): inputs
 * {@code input_ids}, {@code attention_mask}, {@code token_type_ids} INT64 [N,T]; output {@code last_hidden_state}
 * FP32 [N,T,dim]; at most {@code maxTokens} tokens per text (special tokens included); {@code prefix} is prepended
 * to every text (e5 models expect "query: "); {@code pooling} says how the model was trained to make its sentence
 * vector from the token states — {@link Pooling#MEAN} (the masked mean: MiniLM, e5) or {@link Pooling#CLS} (the
 * first token's state: BGE) — L2-normalised either way.
 */
public record TextContract(String version, int dim, int maxTokens, String prefix, Pooling pooling) {
    /** How a sentence vector is pooled from the token states (the model's own training choice, never ours). */
    public enum Pooling { MEAN, CLS }

    public static final String[] INPUTS = {"input_ids", "attention_mask", "token_type_ids"};
    public static final String OUTPUT = "last_hidden_state";

    public TextContract {
        if (dim <= 0 || maxTokens < 3) {
            throw new IllegalArgumentException("bad text contract dims");
        }
    }

    /** Parses the {@code adlens.*} metadata of text.onnx. */
    public static TextContract fromMetadata(Map<String, String> meta) throws AdlensException {
        try {
            Pooling pooling = switch (require(meta, "adlens.pooling")) {
                case "mean" -> Pooling.MEAN;
                case "cls" -> Pooling.CLS;
                default -> throw new AdlensException(ErrorCode.MODEL_INVALID,
                        "unsupported text pooling " + meta.get("adlens.pooling") + " (mean, cls)");
            };
            return new TextContract(require(meta, "adlens.version"), Integer.parseInt(require(meta, "adlens.dim")),
                    Integer.parseInt(require(meta, "adlens.max_tokens")), meta.getOrDefault("adlens.prefix", ""), pooling);
        } catch (NumberFormatException e) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, "malformed text metadata: " + e.getMessage(), e);
        }
    }

    private static String require(Map<String, String> meta, String key) throws AdlensException {
        String v = meta.get(key);
        if (v == null) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, "text model metadata lacks " + key);
        }
        return v;
    }
}
