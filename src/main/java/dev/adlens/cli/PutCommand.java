package dev.adlens.cli;

import dev.adlens.aws.AwsClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

@Command(name = "put", description = "Upload images (files or directories) to the bucket `adlens dev` watches.")
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
        List<String> keys = new java.util.ArrayList<>();
        try (S3Client s3 = AwsClients.s3(aws.settings())) {
            for (Path file : LabelCommand.expand(inputs)) {
                String key = prefix + file.getFileName();
                s3.putObject(b -> b.bucket(aws.bucket).key(key).contentType(contentType(file)),
                        RequestBody.fromFile(file));
                keys.add(key);
                if (!await) {
                    System.out.println("s3://" + aws.bucket + "/" + key);
                }
            }
        }
        return await ? awaitLabels(keys) : 0;
    }

    /** Polls the table until every key has an item; prints "uri STATUS [top topic]"; exit 3 on FAILED or timeout. */
    private int awaitLabels(List<String> keys) throws Exception {
        java.util.Set<String> pending = new java.util.LinkedHashSet<>(keys);
        int failed = 0;
        long until = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        try (software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo = AwsClients.dynamo(aws.settings())) {
            dev.adlens.store.LabelTable table = new dev.adlens.store.LabelTable(dynamo, aws.table);
            while (!pending.isEmpty() && System.nanoTime() < until) {
                for (java.util.Iterator<String> it = pending.iterator(); it.hasNext(); ) {
                    var r = table.find(aws.bucket, it.next());
                    if (r.isPresent()) {
                        it.remove();
                        failed += r.get().status() == dev.adlens.store.RecordStatus.LABELED ? 0 : 1;
                        System.out.println(r.get().image() + " " + r.get().status() + r.get().top()
                                .map(t -> " " + t.topic() + " " + t.topicScore()).orElse(" " + r.get().errorCode()));
                    }
                }
                Thread.sleep(500);
            }
        }
        pending.forEach(k -> System.out.println("s3://" + aws.bucket + "/" + k + " NOT YET LABELED (timeout)"));
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
                } catch (java.io.IOException e) {
                    yield "application/octet-stream";
                }
            }
        };
    }
}
