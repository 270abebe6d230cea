package dev.adlens.encoder;

import dev.adlens.error.AdlensException;
import dev.adlens.text.TextContract;
import dev.adlens.text.TextEncoder;
import dev.adlens.text.TokenizedText;
import dev.adlens.time.Deadline;
import java.util.List;

/** text.onnx on the endpoint with the local encoder behind it ({@link Dispatcher}: breaker, fallback, counts). */
public final class DispatchingTextEncoder implements TextEncoder {
    private final RemoteTextEncoder remote;
    private final TextEncoder local;
    private final Dispatcher dispatcher;

    /** @param local the in-process encoder; may be null only in REMOTE mode */
    public DispatchingTextEncoder(EncoderMode mode, RemoteTextEncoder remote, TextEncoder local, CircuitBreaker breaker) {
        this.remote = remote;
        this.local = local;
        this.dispatcher = new Dispatcher("text", mode, remote.transport().describe(), breaker, local != null);
    }

    @Override
    public TextContract contract() {
        return remote.contract();
    }

    public Dispatcher.Stats stats() {
        return dispatcher.stats();
    }

    @Override
    public List<float[]> encode(List<TokenizedText> batch) throws AdlensException {
        return encode(batch, Deadline.NONE);
    }

    @Override
    public List<float[]> encode(List<TokenizedText> batch, Deadline deadline) throws AdlensException {
        return dispatcher.dispatch(batch.size(), () -> remote.encode(batch, deadline), () -> local.encode(batch));
    }
}
