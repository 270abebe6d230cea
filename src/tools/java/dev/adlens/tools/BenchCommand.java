package dev.adlens.tools;

import dev.adlens.cli.AdlensCommand;
import dev.adlens.cli.InputFiles;
import dev.adlens.cli.ModelOptions;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.app.Adlens;
import dev.adlens.labels.StageTimings;
import dev.adlens.pipeline.OrderedFanOut;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToLongFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Side-by-side throughput in one run: the full adlens pipeline with 1 and 2 workers, and the tesseract CLI alone
 * (OCR only, psm 11) with 1 and 2 parallel processes over the same images. Reports per-stage p50/p95, images/s,
 * the ratio adlens / tesseract, peak RSS and the time from JVM start to the first label. Beside each rate, the CPU time
 * per image (adlens: this process, every thread; tesseract: its processes, user + system): on a machine shared with
 * other work the rates move with the load, the CPU per image much less, and at 2 workers (both cores busy) the
 * throughput ratio on a quiet machine is about the inverse ratio of CPU per image.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the pipeline against the tesseract CLI on a folder of ads.")
public final class BenchCommand implements Callable<Integer>, AdlensCommand.Tool {
    @Parameters(arity = "1..*", description = "image files or directories")
    List<Path> inputs;

    @Option(names = "--rounds", description = "passes over the images per configuration (default: ${DEFAULT-VALUE})")
    int rounds = 1;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() throws Exception {
        List<Path> files = InputFiles.readable(inputs);
        List<byte[]> images = new ArrayList<>();
        for (Path f : files) {
            images.add(Files.readAllBytes(f));
        }
        int maxWorkers = 2;
        models.workers(maxWorkers);
        long[] firstLabelMs = {-1}; // set by the first labeled image
        StringBuilder report = new StringBuilder();
        try (Adlens c = Adlens.open(models.settings())) {
            for (int workers = 1; workers <= maxWorkers; workers++) {
                List<StageTimings> timings = Collections.synchronizedList(new ArrayList<>());
                long start = System.nanoTime();
                long cpuStart = processCpuNanos();
                ExecutorService pool = Executors.newFixedThreadPool(workers);
                try {
                    List<Integer> runs = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        for (int i = 0; i < images.size(); i++) {
                            runs.add(i);
                        }
                    }
                    OrderedFanOut.run(runs, pool, 2 * workers,
                            i -> c.labeler().label(files.get(i).toString(), images.get(i)), o -> {
                        if (o instanceof LabelOutcome.Labeled l) {
                            timings.add(l.labels().timings());
                            if (firstLabelMs[0] < 0) {
                                firstLabelMs[0] = System.currentTimeMillis()
                                        - ManagementFactory.getRuntimeMXBean().getStartTime();
                            }
                        }
                    });
                } finally {
                    Adlens.drain(pool);
                }
                double secs = (System.nanoTime() - start) / 1e9;
                double rate = timings.size() / secs;
                double cpuMs = (processCpuNanos() - cpuStart) / 1e6 / Math.max(1, timings.size());
                report.append(String.format(Locale.ROOT,
                        "adlens    workers=%d  %d images  %.2f img/s  CPU %.0f ms/img%n", workers, timings.size(), rate,
                        cpuMs));
                for (String stage : List.of("decode", "visual", "ocr", "words", "head", "total")) {
                    report.append(String.format(Locale.ROOT, "    %-7s p50 %5d ms  p95 %5d ms%n", stage,
                            percentile(timings, stage, 50), percentile(timings, stage, 95)));
                }
                long childCpuStart = childCpuMillis();
                double tesseract = tesseractRate(files, workers);
                double tesseractCpuMs = (double) (childCpuMillis() - childCpuStart) / (files.size() * rounds);
                report.append(String.format(Locale.ROOT, "tesseract processes=%d  %.2f img/s  CPU %.0f ms/img   ratio"
                        + " adlens/tesseract = %.2f   CPU ratio tesseract/adlens = %.2f  (load %s)%n", workers,
                        tesseract, tesseractCpuMs, rate / tesseract, tesseractCpuMs / cpuMs, loadAverage()));
            }
        }
        report.append(String.format(Locale.ROOT, "peak RSS %d MB; first label %d ms after JVM start%n",
                peakRssKb() / 1024, firstLabelMs[0]));
        System.out.print(report);
        return 0;
    }

    /** The tesseract CLI, OCR only (2x-free, psm 11, like adlens' first pass), {@code parallel} processes at once. */
    private double tesseractRate(List<Path> files, int parallel) throws Exception {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                for (Path f : files) {
                    runs.add(pool.submit(() -> {
                        ProcessBuilder pb = new ProcessBuilder("tesseract", f.toString(), "-", "--psm", "11")
                                .redirectErrorStream(true);
                        pb.environment().put("OMP_THREAD_LIMIT", "1");
                        Process p = pb.start();
                        p.getInputStream().readAllBytes();
                        return p.waitFor();
                    }));
                }
            }
            for (Future<Integer> r : runs) {
                r.get();
            }
        } finally {
            pool.shutdown();
        }
        return files.size() * rounds / ((System.nanoTime() - start) / 1e9);
    }

    private static long percentile(List<StageTimings> timings, String stage, int p) {
        ToLongFunction<StageTimings> f = switch (stage) {
            case "decode" -> StageTimings::decodeMs;
            case "visual" -> StageTimings::visualMs;
            case "ocr" -> StageTimings::ocrMs;
            case "words" -> StageTimings::wordsMs;
            case "head" -> StageTimings::headMs;
            default -> StageTimings::totalMs;
        };
        long[] v = timings.stream().mapToLong(f).sorted().toArray();
        return v.length == 0 ? 0 : v[Math.min(v.length - 1, (int) Math.ceil(p / 100.0 * v.length) - 1)];
    }

    /** CPU time of this process, all threads (JIT and GC included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** User + system CPU of this process's waited-for children (/proc/self/stat cutime + cstime), in ms. */
    private static long childCpuMillis() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // fields from the 3rd (state) on
        return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 1000 / CLOCK_TICKS;
    }

    /** USER_HZ: what /proc/self/stat counts CPU in (100 on Linux, whatever the kernel's HZ). */
    private static final long CLOCK_TICKS = 100;

    /** The 1-minute load average, what the rates above ran under. */
    private static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static long peakRssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
