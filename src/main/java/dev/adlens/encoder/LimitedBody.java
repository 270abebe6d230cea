package dev.adlens.encoder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a cap: an endpoint (or anything posing as one) that answers with more is a
 * failed call, not a heap exhausted by one response. The cap is far above any real answer (32 images' outputs are
 * ~1.2 MB binary).
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** Largest response body read from an endpoint. */
    static final int MAX_RESPONSE_BYTES = 64 << 20;

    private final int max;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    private LimitedBody(int max) {
        this.max = max;
    }

    static HttpResponse.BodyHandler<byte[]> handler() {
        return info -> {
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            LimitedBody body = new LimitedBody(MAX_RESPONSE_BYTES);
            if (declared > MAX_RESPONSE_BYTES) {
                body.result.completeExceptionally(tooLarge(declared));
            }
            return body;
        };
    }

    private static IOException tooLarge(long size) {
        return new IOException("response body of " + (size < 0 ? "more than " + MAX_RESPONSE_BYTES : size)
                + " bytes exceeds " + MAX_RESPONSE_BYTES);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (result.isDone()) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            if (buffer.size() + b.remaining() > max) {
                subscription.cancel();
                result.completeExceptionally(tooLarge(-1));
                return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            buffer.writeBytes(chunk);
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(buffer.toByteArray());
    }
}
