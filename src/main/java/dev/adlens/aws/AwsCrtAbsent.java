package dev.adlens.aws;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;
import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;

/**
 * Native image only (the JVM never loads this class): the AWS SDK's checksum provider names the optional AWS CRT
 * library's classes (CRC32C, CRC64NVME, XXHash), which adlens does not ship. On the JVM those methods are never run
 * without the CRT (the SDK checks the class path first); the native-image builder, told by Quarkus to link every class
 * at build time, refuses the missing types. These substitutions are the SDK's own "CRT absent" branches, so the
 * native function behaves exactly as the JVM one: CRC32C falls back to Java's, the CRT-only algorithms fail with the
 * SDK's message. Found by native-build/analyse.
 */
@TargetClass(className = "software.amazon.awssdk.checksums.internal.ChecksumProvider")
final class AwsCrtAbsent {

    @Substitute
    static SdkChecksum createCrtCrc32C() {
        return null; // the SDK's answer when the CRT is absent: the caller then uses the JDK's CRC32C
    }

    @Substitute
    static SdkChecksum crc64NvmeCrtImplementation() {
        throw new RuntimeException("Could not load software.amazon.awssdk.crt.checksums.CRC64NVME. Add dependency on "
                + "'software.amazon.awssdk.crt:aws-crt' module to enable CRC64NVME feature.");
    }

    @Substitute
    static SdkChecksum crtXxHash(ChecksumAlgorithm algorithm) {
        throw new RuntimeException("Could not load software.amazon.awssdk.crt.checksums.XXHash for algorithm: "
                + algorithm.algorithmId() + ". Add dependency on 'software.amazon.awssdk.crt:aws-crt' module.");
    }

    private AwsCrtAbsent() {}
}
