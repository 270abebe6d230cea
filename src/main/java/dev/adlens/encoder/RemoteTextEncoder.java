package dev.adlens.encoder;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.tensor.Tensor;
import dev.adlens.text.TextBatch;
import dev.adlens.text.TextContract;
import dev.adlens.text.TextEncoder;
import dev.adlens.text.TokenizedText;
import java.time.Duration;
import dev.adlens.time.Deadline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * text.onnx on an inference endpoint (model {@code text}; {@link EndpointClient}: retries, deadline, JSON fallback).
 * Tokenisation stays here in the caller; the endpoint sees token ids. One text per request, as in process (the model
 * is dynamically quantized: batching would change its vectors). A response of the wrong shape is ENCODER_UNAVAILABLE.
 */
public final class RemoteTextEncoder implements TextEncoder {
    private final TextContract contract;
    private final EndpointClient client;

    public RemoteTextEncoder(TextContract contract, InferenceTransport transport, RetryPolicy retry, boolean binary) {
        this.contract = contract;
        this.client = new EndpointClient("text encoder", transport, retry, binary);
    }

    @Override
    public TextContract contract() {
        return contract;
    }

    public InferenceTransport transport() {
        return client.transport();
    }

    @Override
    public List<float[]> encode(List<TokenizedText> batch) throws AdlensException {
        return encode(batch, Deadline.NONE);
    }

    @Override
    public List<float[]> encode(List<TokenizedText> batch, Deadline deadline) throws AdlensException {
        List<float[]> out = new ArrayList<>(batch.size());
        for (TokenizedText t : batch) {
            out.add(t.length() == 0 ? new float[0] : encodeOne(t, deadline));
        }
        return out;
    }

    private float[] encodeOne(TokenizedText t, Deadline deadline) throws AdlensException {
        TextBatch b = TextBatch.of(List.of(t));
        Map<String, Tensor> outputs = client.infer(inputs(b), List.of(TextContract.OUTPUT), deadline);
        Tensor hidden = outputs.get(TextContract.OUTPUT);
        long[] want = {1, t.length(), contract.dim()};
        if (hidden == null || !hidden.datatype().equals("FP32") || !Arrays.equals(hidden.shape(), want)) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, "text encoder endpoint: response does"
                    + " not match the contract: expected " + TextContract.OUTPUT + " FP32 "
                    + Arrays.toString(want) + ", got " + hidden);
        }
        return hidden.floats();
    }

    /** The three INT64 input tensors of a batch (shared with the encoder server's checks). */
    public static List<Tensor> inputs(TextBatch b) {
        return List.of(Tensor.ofLongs(TextContract.INPUTS[0], b.shape(), b.inputIds()),
                Tensor.ofLongs(TextContract.INPUTS[1], b.shape(), b.attentionMask()),
                Tensor.ofLongs(TextContract.INPUTS[2], b.shape(), b.tokenTypeIds()));
    }

    /**
     * Compares the endpoint's model metadata with the local contract (three [N,T] inputs, [N,T,dim] output).
     *
     * @throws AdlensException MODEL_INVALID when they disagree, ENCODER_UNAVAILABLE when it cannot be read
     */
    public void checkMetadata(Duration timeout) throws AdlensException {
        client.checkShapes(client.metadata(timeout), Map.of(TextContract.INPUTS[0], new long[]{-1, -1},
                TextContract.INPUTS[1], new long[]{-1, -1}, TextContract.INPUTS[2], new long[]{-1, -1},
                TextContract.OUTPUT, new long[]{-1, -1, contract.dim()}));
    }
}
