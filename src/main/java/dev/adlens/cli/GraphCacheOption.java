package dev.adlens.cli;

import dev.adlens.onnx.GraphCache;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --graph-cache}: where ONNX Runtime's optimised graphs are kept between runs (a model is optimised once). */
public final class GraphCacheOption {
    @Option(names = "--graph-cache", description = "where ONNX Runtime's optimised graphs are kept between runs, or "
            + "'none' (default: $XDG_CACHE_HOME/adlens/onnx, else ~/.cache/adlens/onnx)")
    String dir;

    public GraphCache cache() {
        if ("none".equals(dir)) {
            return GraphCache.NONE;
        }
        if (dir != null) {
            return GraphCache.in(Path.of(dir));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return GraphCache.in(base.resolve("adlens").resolve("onnx"));
    }
}
