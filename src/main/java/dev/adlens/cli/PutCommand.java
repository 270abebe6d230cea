package dev.adlens.cli;

import dev.adlens.aws.AwsClients;
import dev.adlens.bucket.ImageRef;
import dev.adlens.store.LabelTable;
import dev.adlens.store.RecordStatus;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

@Command(name = "put", mixinStandardHelpOptions = true,
        description = "Upload images (files or directories) to the bucket `adlens dev` watches.")
final class PutCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE|DIR")
    List<Path> inputs;

    @Option(names = "--prefix", description = "key prefix (default: none)")
    String prefix = "";

    @Option(names = "--wait", description = "wait until each upload has its item in the table, and print its status")
    boolean await;

    @Option(names = "--timeout", description = "seconds to --wait at most (default: ${DEFAULT-VALUE})")
    int timeoutSeconds = 300;

    @Mixin
    AwsOptions aws;

    @Override
    public Integer call() throws Exception {
        List<InputFiles.Input> files = InputFiles.walk(inputs);
        Map<String, Path> byKey = new HashMap<>();
        for (InputFiles.Input f : files) {
            Path other = byKey.putIfAbsent(key(f), f.path());
            if (other != null) { // two inputs, one key: the second upload would silently replace the first
                System.err.printf("adlens put: %s and %s would both be s3://%s/%s; nothing uploaded (use --prefix or"
                        + " upload the directories separately)%n", other, f.path(), aws.bucket, key(f));
                return 2;
            }
        }
        Map<String, String> uploaded = new LinkedHashMap<>(); // key -> eTag of our upload
        int failed = 0;
        try (S3Client s3 = AwsClients.s3(aws.settings())) {
            for (InputFiles.Input file : files) {
                String key = key(file);
                if (!file.readable()) {
                    failed++;
                    System.out.println(file.path() + " FAILED " + file.code() + " " + file.problem());
                    continue;
                }
                String eTag = s3.putObject(b -> b.bucket(aws.bucket).key(key).contentType(contentType(file.path())),
                        RequestBody.fromFile(file.path())).eTag();
                uploaded.put(key, ImageRef.stripQuotes(eTag));
                if (!await) {
                    System.out.println("s3://" + aws.bucket + "/" + key);
                }
            }
        }
        int waited = await ? awaitLabels(uploaded) : 0;
        return failed == 0 ? waited : 3;
    }

    /** The object key: the prefix, then the path below the directory given (the file name for a file given). */
    private String key(InputFiles.Input f) {
        return prefix + f.key().replace(File.separatorChar, '/');
    }

    /**
     * Polls the table until every key has an item for the revision we uploaded (an item of an earlier upload of the
     * same key does not count); prints "uri STATUS [top topic]"; exit 3 on FAILED or timeout.
     */
    private int awaitLabels(Map<String, String> uploaded) throws Exception {
        Map<String, String> pending = new LinkedHashMap<>(uploaded);
        int failed = 0;
        long until = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        try (DynamoDbClient dynamo = AwsClients.dynamo(aws.settings())) {
            LabelTable table = new LabelTable(dynamo, aws.table);
            while (!pending.isEmpty() && System.nanoTime() < until) {
                for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                    var entry = it.next();
                    var r = table.find(aws.bucket, entry.getKey());
                    if (r.isPresent() && Objects.equals(r.get().eTag(), entry.getValue())) {
                        it.remove();
                        failed += r.get().status() == RecordStatus.LABELED ? 0 : 1;
                        System.out.println(r.get().image() + " " + r.get().status() + r.get().top()
                                .map(t -> " " + t.topic() + " " + t.topicScore()).orElse(" " + r.get().errorCode()));
                    }
                }
                Thread.sleep(500);
            }
        }
        pending.keySet().forEach(k -> System.out.println("s3://" + aws.bucket + "/" + k + " NOT YET LABELED (timeout)"));
        return failed == 0 && pending.isEmpty() ? 0 : 3;
    }

    /** By extension (what browsers and the AWS CLI do); unknown types go up as octet-stream and are sniffed. */
    static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        return switch (ext) {
            case "jpg", "jpeg" -> "image/jpeg";
            case "png" -> "image/png";
            case "gif" -> "image/gif";
            case "webp" -> "image/webp";
            case "bmp" -> "image/bmp";
            case "txt" -> "text/plain";
            default -> {
                try {
                    String probed = Files.probeContentType(file);
                    yield probed == null ? "application/octet-stream" : probed;
                } catch (IOException e) {
                    yield "application/octet-stream";
                }
            }
        };
    }
}
