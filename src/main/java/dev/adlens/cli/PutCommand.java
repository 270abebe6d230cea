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

    @Mixin
    AwsOptions aws;

    @Override
    public Integer call() throws Exception {
        try (S3Client s3 = AwsClients.s3(aws.settings())) {
            for (Path file : LabelCommand.expand(inputs)) {
                String key = prefix + file.getFileName();
                s3.putObject(b -> b.bucket(aws.bucket).key(key).contentType(contentType(file)),
                        RequestBody.fromFile(file));
                System.out.println("s3://" + aws.bucket + "/" + key);
            }
        }
        return 0;
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
