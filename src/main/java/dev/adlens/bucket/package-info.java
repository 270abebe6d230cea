/** Reading ad images from S3: references as events name them, object metadata, size-limited downloads. */
package dev.adlens.bucket;
