package dev.adlens.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.adlens.error.AdlensException;
import dev.adlens.kserve.InferMessage;
import dev.adlens.kserve.InferProtocolException;
import dev.adlens.tensor.Tensor;
import dev.adlens.tensor.TensorSpec;
import dev.adlens.text.TextBatch;
import dev.adlens.text.TextContract;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * {@code text}: one text per run (the model is dynamically quantized, so batch neighbours would change its vectors):
 * three INT64 [1,T] inputs, the hidden states [1,T,dim] out.
 */
public final class TextModel implements ServedModel {
    static final String NAME = "text";

    /** Runs text.onnx on a batch as given (LocalOnnxTextEncoder::run). */
    public interface Run {
        float[] run(TextBatch batch) throws AdlensException;
    }

    private final TextContract contract;
    private final Run run;

    public TextModel(TextContract contract, Run run) {
        this.contract = contract;
        this.run = run;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ObjectNode metadata(String platform) {
        List<TensorSpec> inputs = Arrays.stream(TextContract.INPUTS).map(n -> new TensorSpec(n, "INT64", -1, -1)).toList();
        return Http.modelMetadata(NAME, platform, EncoderServer.VERSION, inputs,
                List.of(new TensorSpec(TextContract.OUTPUT, "FP32", -1, -1, contract.dim())));
    }

    @Override
    public void infer(HttpExchange ex, Admission admission, boolean sageMaker) throws IOException {
        int maxTokens = contract.maxTokens();
        boolean binary = ex.getRequestHeaders().getFirst("Inference-Header-Content-Length") != null;
        int length = Http.headerLength(ex);
        // three INT64 [1,T] inputs: 8 bytes a value binary, up to 21 characters as JSON
        long maxBody = InferMessage.MAX_HEADER_BYTES + 3L * maxTokens * (binary ? 8 : 21);
        InferMessage.Parsed req;
        try (Admission.Admitted body = admission.admit(ex, maxBody)) {
            req = InferMessage.parse(body.bytes(), length, "inputs");
        } catch (InferProtocolException e) {
            throw new HttpError(400, e.getMessage());
        }
        long[][] data = new long[3][];
        long width = -1;
        for (int i = 0; i < 3; i++) {
            Tensor t = req.tensors().get(TextContract.INPUTS[i]);
            if (t == null || !t.datatype().equals("INT64") || t.shape().length != 2 || t.shape()[0] != 1
                    || t.shape()[1] < 1 || t.shape()[1] > maxTokens || (width >= 0 && t.shape()[1] != width)) {
                throw new HttpError(400, "inputs " + String.join(", ", TextContract.INPUTS) + " must be INT64 [1,T], "
                        + "1 <= T <= " + maxTokens + ", all the same T; got " + t);
            }
            width = t.shape()[1];
            data[i] = t.longs();
        }
        if (req.tensors().size() != 3) {
            throw new HttpError(400, "expected exactly the inputs " + String.join(", ", TextContract.INPUTS));
        }
        for (String name : req.requestedOutputs()) {
            if (!TextContract.OUTPUT.equals(name)) {
                throw new HttpError(400, "unknown output '" + name + "'");
            }
        }
        float[] hidden;
        try {
            hidden = run.run(new TextBatch(1, (int) width, data[0], data[1], data[2]));
        } catch (AdlensException e) {
            throw new HttpError(500, "model failed: " + e.getMessage());
        }
        Tensor out = Tensor.ofFloats(TextContract.OUTPUT, new long[]{1, width, contract.dim()}, hidden);
        Http.sendInferResponse(ex, InferMessage.response(NAME, EncoderServer.VERSION, List.of(out), req.binaryOutputs()));
    }
}
