package dev.adlens.serve;

import dev.adlens.error.AdlensException;
import dev.adlens.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One model instance fed from a bounded queue. With batching on, the runner takes the oldest request, then waits up
 * to {@code maxDelayMicros} for more, and runs up to {@code maxBatch} images as one batch; off, every request runs on
 * its own. Either way one batch runs at a time (like one Triton instance), so on/off differ only in batching.
 */
public final class DynamicBatcher implements AutoCloseable {
    /** Runs one batch: UINT8 [N,H,W,3] in, every output with leading dimension N out. */
    @FunctionalInterface
    public interface Model {
        Map<String, Tensor> run(Tensor images) throws AdlensException;
    }

    /** Thrown by {@link #submit} when the queue is full: the server answers 429. */
    public static final class QueueFull extends Exception {
        QueueFull(String message) {
            super(message);
        }
    }

    private record Pending(Tensor images, CompletableFuture<Map<String, Tensor>> result) {
        int n() {
            return (int) images.shape()[0];
        }
    }

    private final Model model;
    private final int maxBatch;
    private final long maxDelayMicros;
    private final int maxQueuedImages;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedImages = new AtomicInteger();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong images = new AtomicLong();
    private final Thread runner;
    private volatile boolean closed;

    public DynamicBatcher(Model model, int maxBatch, long maxDelayMicros, int maxQueuedImages) {
        this.model = model;
        this.maxBatch = maxBatch;
        this.maxDelayMicros = maxDelayMicros;
        this.maxQueuedImages = maxQueuedImages;
        this.runner = new Thread(this::loop, "adlens-batcher");
        runner.setDaemon(true);
        runner.start();
    }

    public CompletableFuture<Map<String, Tensor>> submit(Tensor images) throws QueueFull {
        int n = (int) images.shape()[0];
        if (queuedImages.addAndGet(n) > maxQueuedImages) {
            queuedImages.addAndGet(-n);
            throw new QueueFull("queue full (" + maxQueuedImages + " images waiting); retry later");
        }
        Pending p = new Pending(images, new CompletableFuture<>());
        queue.add(p);
        return p.result();
    }

    /** Batches run and images served so far: their ratio is the mean batch size. */
    public long batches() {
        return batches.get();
    }

    public long images() {
        return images.get();
    }

    private void loop() {
        while (!closed) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Pending> batch = new ArrayList<>(List.of(first));
                int n = first.n();
                long deadline = System.nanoTime() + maxDelayMicros * 1000;
                while (maxBatch > 1 && n < maxBatch) {
                    Pending next = queue.peek();
                    if (next == null) {
                        long wait = deadline - System.nanoTime();
                        if (wait <= 0) {
                            break;
                        }
                        next = queue.poll(wait, TimeUnit.NANOSECONDS);
                        if (next == null) {
                            break;
                        }
                        if (n + next.n() > maxBatch) { // does not fit: it leads the next batch
                            runBatch(batch, n);
                            batch = new ArrayList<>(List.of(next));
                            n = next.n();
                            deadline = System.nanoTime() + maxDelayMicros * 1000;
                            continue;
                        }
                    } else if (n + next.n() > maxBatch) {
                        break;
                    } else {
                        queue.poll();
                    }
                    batch.add(next);
                    n += next.n();
                }
                runBatch(batch, n);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void runBatch(List<Pending> batch, int n) {
        queuedImages.addAndGet(-n);
        try {
            Map<String, Tensor> out = model.run(concat(batch, n));
            batches.incrementAndGet();
            images.addAndGet(n);
            int row = 0;
            for (Pending p : batch) {
                p.result().complete(slice(out, row, p.n(), n));
                row += p.n();
            }
        } catch (AdlensException | RuntimeException e) {
            batch.forEach(p -> p.result().completeExceptionally(e));
        }
    }

    private static Tensor concat(List<Pending> batch, int n) {
        if (batch.size() == 1) {
            return batch.get(0).images();
        }
        Tensor first = batch.get(0).images();
        byte[] data = new byte[batch.stream().mapToInt(p -> p.images().data().length).sum()];
        int off = 0;
        for (Pending p : batch) {
            System.arraycopy(p.images().data(), 0, data, off, p.images().data().length);
            off += p.images().data().length;
        }
        long[] shape = first.shape().clone();
        shape[0] = n;
        return new Tensor(first.name(), first.datatype(), shape, data);
    }

    private static Map<String, Tensor> slice(Map<String, Tensor> out, int row, int rows, int total) {
        if (rows == total) {
            return out;
        }
        Map<String, Tensor> part = new LinkedHashMap<>();
        for (Tensor t : out.values()) {
            int rowBytes = t.data().length / total;
            long[] shape = t.shape().clone();
            shape[0] = rows;
            part.put(t.name(), new Tensor(t.name(), t.datatype(), shape,
                    Arrays.copyOfRange(t.data(), row * rowBytes, (row + rows) * rowBytes)));
        }
        return part;
    }

    @Override
    public void close() {
        closed = true;
        runner.interrupt();
        Pending p;
        while ((p = queue.poll()) != null) {
            p.result().completeExceptionally(new IllegalStateException("server shutting down"));
        }
    }
}
