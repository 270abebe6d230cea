package dev.adlens.bucket;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** {@link ImageBucket} over the AWS SDK v2; the SDK retries throttling and 5xx itself before we see them. */
public final class S3ImageBucket implements ImageBucket {
    private final S3Client s3;

    public S3ImageBucket(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public ObjectMeta head(ImageRef ref) throws AdlensException {
        try {
            HeadObjectResponse r = s3.headObject(HeadObjectRequest.builder().bucket(ref.bucket()).key(ref.key())
                    .versionId(ref.versionId()).build());
            return new ObjectMeta(r.contentLength() == null ? -1 : r.contentLength(), r.contentType(), r.eTag(),
                    r.versionId(), r.lastModified() == null ? 0 : r.lastModified().toEpochMilli());
        } catch (SdkServiceException e) {
            throw translate(ref, e);
        } catch (SdkClientException e) {
            throw unavailable(ref, e);
        }
    }

    @Override
    public byte[] read(ImageRef ref, ObjectMeta meta, long maxBytes) throws AdlensException {
        if (meta.size() > maxBytes) {
            throw tooLarge(ref, meta.size(), maxBytes);
        }
        GetObjectRequest.Builder get = GetObjectRequest.builder().bucket(ref.bucket()).key(ref.key())
                .versionId(meta.versionId());
        if (meta.eTag() != null) {
            get.ifMatch("\"" + meta.eTag() + "\"");
        }
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(get.build())) {
            return readAtMost(in, maxBytes, ref);
        } catch (SdkServiceException e) {
            throw translate(ref, e);
        } catch (SdkClientException | IOException e) {
            throw unavailable(ref, e);
        }
    }

    /** Never trusts Content-Length alone: a body longer than the limit is cut off and refused. */
    private static byte[] readAtMost(InputStream in, long maxBytes, ImageRef ref) throws IOException, AdlensException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw tooLarge(ref, bytes.length, maxBytes);
        }
        return bytes;
    }

    private static AdlensException tooLarge(ImageRef ref, long size, long maxBytes) {
        return new AdlensException(ErrorCode.IMAGE_TOO_LARGE, ref.uri() + " is " + size + " bytes; the limit is "
                + maxBytes);
    }

    private static AdlensException translate(ImageRef ref, SdkServiceException e) {
        return switch (e.statusCode()) {
            case 404 -> new AdlensException(ErrorCode.IMAGE_NOT_FOUND, "no object " + ref.uri()
                    + (ref.versionId() == null ? "" : " version " + ref.versionId()), e);
            case 412 -> new AdlensException(ErrorCode.OBJECT_CHANGED, ref.uri() + " changed while it was read", e);
            case 403 -> new AdlensException(ErrorCode.ACCESS_DENIED, "access denied to " + ref.uri()
                    + " (check the function's policy)", e);
            default -> unavailable(ref, e);
        };
    }

    private static AdlensException unavailable(ImageRef ref, Exception e) {
        return new AdlensException(ErrorCode.STORAGE_UNAVAILABLE, "S3 unavailable for " + ref.uri() + ": "
                + e.getMessage(), e);
    }
}
