package dev.adlens.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * One model the encoder server serves (as djl-serving's KServe handler keeps a registry of them): its KServe name and
 * metadata, and its inference, which reads the request through {@link Admission} and answers on the exchange.
 */
public interface ServedModel extends AutoCloseable {
    String name();

    /** KServe model metadata (GET /v2/models/{name}); {@code platform} is the server's (e.g. onnxruntime_onnx). */
    ObjectNode metadata(String platform);

    /**
     * One infer request. {@code sageMaker}: SageMaker's container framing (header length in the content type) instead
     * of KServe's header.
     *
     * @throws HttpError the client's mistake (4xx) or the model's failure (5xx), with a message safe to show
     */
    void infer(HttpExchange ex, Admission admission, boolean sageMaker) throws IOException;

    @Override
    default void close() {
    }
}
