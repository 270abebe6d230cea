package dev.adlens.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.adlens.kserve.InferMessage;
import dev.adlens.kserve.InferProtocolException;
import dev.adlens.kserve.SageMakerFraming;
import dev.adlens.tensor.Tensor;
import dev.adlens.tensor.TensorSpec;
import dev.adlens.visual.VisualContract;
import dev.adlens.visual.VisualOutputs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code visual}: images in, through the dynamic batcher; the model SageMaker's /invocations reach. */
final class VisualModel implements ServedModel {
    static final String NAME = "visual";
    /**
     * JSON tensors cost ~10x their bytes once parsed (a tree node per number: 4 concurrent 50 MB JSON requests took
     * 5.1 GB), so JSON requests carry one image; batches use the binary extension.
     */
    static final int MAX_JSON_IMAGES = 1;

    private final DynamicBatcher batcher;
    private final VisualContract contract;
    private final int maxImagesPerRequest;
    private final long requestTimeoutMs;

    VisualModel(DynamicBatcher batcher, VisualContract contract, int maxImagesPerRequest, long requestTimeoutMs) {
        this.batcher = batcher;
        this.contract = contract;
        this.maxImagesPerRequest = maxImagesPerRequest;
        this.requestTimeoutMs = requestTimeoutMs;
    }

    DynamicBatcher batcher() {
        return batcher;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ObjectNode metadata(String platform) {
        return Http.modelMetadata(NAME, platform, EncoderServer.VERSION, List.of(VisualOutputs.input(contract)),
                VisualOutputs.outputs(contract));
    }

    @Override
    public void infer(HttpExchange ex, Admission admission, boolean sageMaker) throws IOException {
        long frame = (long) contract.width() * contract.height() * 3;
        int length = sageMaker ? SageMakerFraming.headerLength(ex.getRequestHeaders().getFirst("Content-Type"))
                : Http.headerLength(ex);
        boolean binary = sageMaker ? length != 0 : ex.getRequestHeaders().getFirst("Inference-Header-Content-Length") != null;
        // JSON tensors spell each byte as up to 4 characters ("255,"): allow for that, and no more
        int maxImages = binary ? maxImagesPerRequest : Math.min(maxImagesPerRequest, MAX_JSON_IMAGES);
        long maxBody = InferMessage.MAX_HEADER_BYTES + frame * maxImages * (binary ? 1 : 4);
        InferMessage.Parsed req;
        try (Admission.Admitted body = admission.admit(ex, maxBody)) {
            req = InferMessage.parse(body.bytes(), length, "inputs");
        } catch (InferProtocolException e) {
            throw new HttpError(400, e.getMessage());
        }
        Tensor image = req.tensors().get(VisualOutputs.INPUT);
        if (image == null || req.tensors().size() != 1) {
            throw new HttpError(400, "expected exactly one input named '" + VisualOutputs.INPUT + "'");
        }
        long[] s = image.shape();
        TensorSpec spec = VisualOutputs.input(contract);
        if (!image.datatype().equals(spec.datatype()) || s.length == 0 || s[0] < 1 || s[0] > maxImages
                || !Arrays.equals(s, spec.shapeFor(s[0]))) {
            throw new HttpError(400, "input 'image' must be UINT8 [1.." + maxImages + "," + contract.height() + ","
                    + contract.width() + ",3]" + (binary ? "" : " as JSON (batches: the binary extension)") + ", got "
                    + image);
        }
        for (String name : req.requestedOutputs()) {
            if (!VisualOutputs.names(contract).contains(name)) {
                throw new HttpError(400, "unknown output '" + name + "'");
            }
        }
        Map<String, Tensor> out;
        try {
            out = batcher.submit(image).get(requestTimeoutMs, TimeUnit.MILLISECONDS);
        } catch (DynamicBatcher.QueueFull e) {
            ex.getResponseHeaders().add("Retry-After", "1");
            throw new HttpError(429, e.getMessage());
        } catch (TimeoutException e) {
            throw new HttpError(503, "timed out after " + requestTimeoutMs + " ms in the queue");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpError(503, "interrupted");
        } catch (ExecutionException e) {
            throw new HttpError(500, "model failed: " + e.getCause().getMessage());
        }
        List<Tensor> selected = new ArrayList<>();
        for (String name : req.requestedOutputs().isEmpty() ? VisualOutputs.names(contract) : req.requestedOutputs()) {
            selected.add(out.get(name));
        }
        InferMessage.Encoded resp = InferMessage.response(NAME, EncoderServer.VERSION, selected, req.binaryOutputs());
        if (resp.headerLength() > 0 && sageMaker) {
            Http.send(ex, 200, SageMakerFraming.BINARY_TYPE + resp.headerLength(), resp.body(), resp.body().length);
        } else {
            Http.sendInferResponse(ex, resp);
        }
    }

    @Override
    public void close() {
        batcher.close();
    }
}
