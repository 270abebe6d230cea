package dev.adlens.head;

import dev.adlens.error.AdlensException;
import java.util.List;

/** The two-task head: its descriptor and one batched run. {@link OnnxHead} runs head.onnx. */
public interface Head {
    HeadSpec spec();

    /** @throws AdlensException HEAD_FAILED when the model run fails */
    List<HeadOutput> run(List<HeadInput> batch) throws AdlensException;
}
