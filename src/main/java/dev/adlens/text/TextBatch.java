package dev.adlens.text;

import java.util.Arrays;
import java.util.List;

/**
 * Tokenised texts padded to the longest one, as the three INT64 [n, width] input tensors of text.onnx. Shared by
 * the in-process encoder, the remote client and the encoder server, so the layout is written once. adlens sends
 * one text per batch (n = 1, no padding): see {@link LocalOnnxTextEncoder#encode}.
 */
public record TextBatch(int n, int width, long[] inputIds, long[] attentionMask, long[] tokenTypeIds) {
    public static TextBatch of(List<TokenizedText> texts) {
        int width = 1;
        for (TokenizedText t : texts) {
            width = Math.max(width, t.length());
        }
        int n = texts.size();
        long[] ids = new long[n * width];
        long[] mask = new long[n * width];
        for (int b = 0; b < n; b++) {
            long[] src = texts.get(b).ids();
            System.arraycopy(src, 0, ids, b * width, src.length);
            Arrays.fill(mask, b * width, b * width + src.length, 1L);
        }
        return new TextBatch(n, width, ids, mask, new long[n * width]);
    }

    public long[] shape() {
        return new long[]{n, width};
    }

    @Override
    public String toString() {
        return "TextBatch[" + n + "x" + width + "]";
    }
}
