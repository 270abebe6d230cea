package dev.adlens.encoder;

/** Where visual.onnx runs. */
public enum EncoderMode {
    /** In process (ONNX Runtime CPU). */
    LOCAL,
    /** Only on the endpoint: when it fails, the image fails with ENCODER_UNAVAILABLE (503, retried by the queue). */
    REMOTE,
    /** On the endpoint when configured and healthy, otherwise (and while the breaker is open) in process. */
    AUTO
}
