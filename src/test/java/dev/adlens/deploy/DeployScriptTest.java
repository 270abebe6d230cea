package dev.adlens.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.UnitTest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/deploy (`./adlens deploy`) without AWS: its prerequisite check on a PATH that lacks the tools, and the
 * commands it runs, against stand-ins for aws, sam, docker and the launcher that record their arguments and answer
 * as the real ones would. What the real services then do is not checked here (docs/deploy.md says so).
 */
@UnitTest
class DeployScriptTest {
    static final String ACCOUNT = "123456789012";
    static final String LAYER_ARN = "arn:aws:lambda:eu-west-1:" + ACCOUNT + ":layer:ads-models:7";
    @TempDir
    Path root;
    Path bin;
    Path calls;

    /** A copy of the repository's pieces the script touches: itself, the template, a built function.zip. */
    @BeforeEach
    void checkout() throws IOException {
        Files.createDirectories(root.resolve("scripts"));
        Files.copy(Path.of("scripts/deploy"), root.resolve("scripts/deploy"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(Path.of("template.yaml"), root.resolve("template.yaml"));
        Files.createDirectories(root.resolve("target"));
        Files.write(root.resolve("target/function.zip"), new byte[100]);
        bin = Files.createDirectories(root.resolve("bin"));
        calls = root.resolve("calls.log");
        stub(root.resolve("adlens"), "");
        stub(bin.resolve("sam"), "");
        stub(bin.resolve("docker"), "");
        stub(bin.resolve("aws"), """
                case "$1 $2" in
                  "sts get-caller-identity") echo %s ;;
                  "s3api head-bucket") exit 254 ;;
                  "lambda publish-layer-version") echo %s ;;
                  "cloudformation describe-stacks")
                    case "$*" in
                      *ApiUrl*) echo https://abc123.execute-api.eu-west-1.amazonaws.com ;;
                      *Bucket*) echo ads-ads-%s ;;
                      *Table*) echo ads-LabelsTable-XYZ ;;
                    esac ;;
                esac
                """.formatted(ACCOUNT, LAYER_ARN, ACCOUNT));
    }

    /** An executable that appends "name args" to calls.log, then does {@code body}. */
    void stub(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/bash\necho \"" + file.getFileName() + " $*\" >> '" + calls + "'\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    record Run(int exit, String out, String err) {
    }

    Run deploy(String path, String... args) throws Exception {
        var command = new ArrayList<>(List.of("/bin/bash", root.resolve("scripts/deploy").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", path, "AWS_REGION", "eu-west-1", "HOME", root.toString()));
        pb.redirectOutput(root.resolve("out.txt").toFile()).redirectError(root.resolve("err.txt").toFile());
        int exit = pb.start().waitFor();
        return new Run(exit, Files.readString(root.resolve("out.txt")), Files.readString(root.resolve("err.txt")));
    }

    List<String> calls() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls, StandardCharsets.UTF_8) : List.of();
    }

    Path layer(long bytes) throws IOException {
        Path zip = root.resolve("layer.zip");
        try (RandomAccessFile f = new RandomAccessFile(zip.toFile(), "rw")) {
            f.setLength(bytes); // sparse: the size is what the script decides on
        }
        return zip;
    }

    @Test
    void onAPathWithoutTheToolsItNamesEachMissingPrerequisiteAndDoesNothing() throws Exception {
        Run r = deploy(Files.createDirectories(root.resolve("empty")).toString(), "--stack", "ads");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("adlens deploy: missing prerequisites:")
                .contains("aws      the AWS CLI v2", "sam      the AWS SAM CLI", "docker   Docker with buildx, or podman",
                        "python3");
        assertThat(calls()).isEmpty();
    }

    @Test
    void dockerWithoutBuildxIsRefusedBeforeAnythingRuns() throws Exception {
        stub(bin.resolve("docker"), "[[ $1 == buildx ]] && { echo \"docker: 'buildx' is not a docker command.\" >&2; exit 1; }\n");
        Run r = deploy(bin + ":/usr/bin:/bin", "--stack", "ads");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("buildx   Docker's buildx plugin").doesNotContain("AWS CLI", "SAM CLI");
        assertThat(calls()).containsExactly("docker buildx version");
    }

    @Test
    void checkStopsAfterThePrerequisitesAndTheIdentity() throws Exception {
        Run r = deploy(bin + ":/usr/bin:/bin", "--check");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("prerequisites ok (account " + ACCOUNT + ", region eu-west-1)");
        assertThat(calls()).containsExactly("docker buildx version",
                "aws sts get-caller-identity --query Account --output text");
    }

    @Test
    void aLayerOverTheDirectLimitGoesThroughS3AndItsArnReachesSamDeployThenTheSmokeTest() throws Exception {
        Path zip = layer(60_000_000);
        Run r = deploy(bin + ":/usr/bin:/bin", "--stack", "ads", "--skip-package", "--layer-zip", zip.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String bucket = "adlens-deploy-" + ACCOUNT + "-eu-west-1";
        List<String> calls = calls();
        assertThat(calls).contains("aws s3api create-bucket --bucket " + bucket + " --region eu-west-1 "
                + "--create-bucket-configuration LocationConstraint=eu-west-1");
        assertThat(calls).anyMatch(c -> c.matches("aws s3 cp " + zip + " s3://" + bucket
                + "/layers/ads-models-[0-9a-f]{16}\\.zip --region eu-west-1 --only-show-errors"));
        assertThat(calls).anyMatch(c -> c.matches("aws lambda publish-layer-version --layer-name ads-models "
                + "--region eu-west-1 --content S3Bucket=" + bucket + ",S3Key=layers/ads-models-[0-9a-f]{16}\\.zip "
                + "--compatible-runtimes java21 provided\\.al2023 .*"));
        assertThat(calls).contains("sam deploy --template-file template.yaml --stack-name ads --region eu-west-1 "
                + "--s3-bucket " + bucket + " --s3-prefix ads --capabilities CAPABILITY_IAM "
                + "--no-fail-on-empty-changeset --parameter-overrides Variant=jvm ModelsLayerArn=" + LAYER_ARN);
        assertThat(calls.get(calls.size() - 1)).isEqualTo("adlens smoke --api "
                + "https://abc123.execute-api.eu-west-1.amazonaws.com --bucket ads-ads-" + ACCOUNT
                + " --table ads-LabelsTable-XYZ --region eu-west-1");
        // the order a deploy needs: the layer before the stack that names it, the stack before its smoke test
        assertThat(calls.indexOf(calls.stream().filter(c -> c.startsWith("aws lambda")).findFirst().orElseThrow()))
                .isLessThan(calls.indexOf(calls.stream().filter(c -> c.startsWith("sam ")).findFirst().orElseThrow()));
    }

    @Test
    void aSmallLayerIsUploadedDirectlyAndGuidedIsPassedOn() throws Exception {
        Path zip = layer(1_000);
        Run r = deploy(bin + ":/usr/bin:/bin", "--stack", "ads", "--skip-package", "--layer-zip", zip.toString(),
                "--guided", "--no-smoke");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(calls()).noneMatch(c -> c.startsWith("aws s3 cp"))
                .anyMatch(c -> c.contains("publish-layer-version --layer-name ads-models --region eu-west-1 "
                        + "--zip-file fileb://" + zip))
                .anyMatch(c -> c.startsWith("sam deploy ") && c.endsWith("ModelsLayerArn=" + LAYER_ARN + " --guided"))
                .noneMatch(c -> c.startsWith("adlens smoke"));
        assertThat(r.out()).contains("check it with: " + root.resolve("adlens") + " smoke --api https://abc123");
    }

    @Test
    void yourTaxonomiesAndPolicyArePackedIntoTheLayerAndNamedInTheStack() throws Exception {
        stub(root.resolve("adlens"), """
                [[ "$1 $2" == "taxonomy pack" ]] || exit 0
                echo Taxonomies=iab-ad-product-2.0,/opt/models/user/mine/mine.json
                echo SafetyPolicy=/opt/models/user/policy.json
                """);
        Files.createDirectories(root.resolve("native-build"));
        stub(root.resolve("native-build/build-layer"), "mkdir -p target/layer && head -c 1000 /dev/zero > "
                + "target/layer/adlens-layer.zip\n");
        Run r = deploy(bin + ":/usr/bin:/bin", "--stack", "ads", "--skip-package", "--taxonomy", "iab-ad-product-2.0",
                "--taxonomy", "mine.json", "--policy", "policy.json", "--no-smoke");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> calls = calls();
        Path user = root.resolve("target/layer-user");
        assertThat(calls).contains("adlens taxonomy pack --taxonomy iab-ad-product-2.0 --taxonomy mine.json --policy "
                + "policy.json --into " + user, "build-layer --user " + user);
        assertThat(calls).anyMatch(c -> c.startsWith("sam deploy ") && c.endsWith("ModelsLayerArn=" + LAYER_ARN
                + " Taxonomies=iab-ad-product-2.0,/opt/models/user/mine/mine.json"
                + " SafetyPolicy=/opt/models/user/policy.json"));
        // packed (and so checked) before the layer is built from it
        assertThat(calls.indexOf("adlens taxonomy pack --taxonomy iab-ad-product-2.0 --taxonomy mine.json --policy "
                + "policy.json --into " + user)).isLessThan(calls.indexOf("build-layer --user " + user));
    }

    @Test
    void aTaxonomyThePackRefusesStopsTheDeployBeforeTheLayer() throws Exception {
        stub(root.resolve("adlens"), "echo 'adlens: TAXONOMY_INVALID taxonomy mine.json: duplicate id a' >&2; exit 1\n");
        Files.createDirectories(root.resolve("native-build"));
        stub(root.resolve("native-build/build-layer"), "");
        Run r = deploy(bin + ":/usr/bin:/bin", "--stack", "ads", "--skip-package", "--taxonomy", "mine.json");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("TAXONOMY_INVALID", "adlens taxonomy pack refused the taxonomies or the policy");
        assertThat(calls()).noneMatch(c -> c.startsWith("build-layer") || c.startsWith("sam ")
                || c.startsWith("aws lambda"));
    }

    @Test
    void aTaxonomyCannotJoinALayerAlreadyBuilt() throws Exception {
        Run r = deploy(bin + ":/usr/bin:/bin", "--stack", "ads", "--layer-zip", layer(1_000).toString(),
                "--taxonomy", "mine.json");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot be used with --layer-zip");
        assertThat(calls()).isEmpty();
    }

    @Test
    void aStackLabelingWithPackedFilesIsNotRedeployedWithoutThem() throws Exception {
        stub(bin.resolve("aws"), """
                case "$1 $2" in
                  "sts get-caller-identity") echo %s ;;
                  "cloudformation describe-stacks")
                    case "$*" in *Parameters*) printf 'iab-ad-product-2.0,/opt/models/user/mine/taxonomy.json\\tdefault\\n' ;; esac ;;
                esac
                """.formatted(ACCOUNT));
        Run r = deploy(bin + ":/usr/bin:/bin", "--stack", "ads", "--skip-package", "--layer-zip", layer(1_000).toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("stack ads labels with files packed into its layer",
                "deploy again with the same --taxonomy/--policy");
        assertThat(calls()).noneMatch(c -> c.startsWith("sam ") || c.startsWith("aws lambda"));
    }
}
