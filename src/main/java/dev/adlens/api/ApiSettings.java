package dev.adlens.api;

import java.util.Set;

/**
 * @param allowedBuckets the only buckets an {@code s3Uri} may name (empty: s3Uri requests are refused)
 * @param maxBodyBytes   largest decoded request body; Lambda's synchronous payload limit is 6 MB including the
 *                       base64 overhead (4/3), so images above ~4.4 MB cannot arrive inline anyway; API Gateway
 *                       HTTP APIs take 10 MB
 * @param maxObjectBytes largest object an {@code s3Uri} may name (the function's image limit)
 * @param scopeUploads   uploads (store=true bodies) are read and listed only by the caller who sent them; false:
 *                       every caller sees every upload (one team, one library)
 */
public record ApiSettings(Set<String> allowedBuckets, long maxBodyBytes, long maxObjectBytes, boolean scopeUploads) {
    /**
     * The largest decoded request body by default: Lambda's 6 MB synchronous payload carries base64 (4/3) plus the
     * event around it (AdlensConfig's @WithDefault names this).
     */
    public static final String DEFAULT_MAX_BODY_BYTES = "4400000";

    public ApiSettings(Set<String> allowedBuckets, long maxBodyBytes, long maxObjectBytes) {
        this(allowedBuckets, maxBodyBytes, maxObjectBytes, true);
    }
}
