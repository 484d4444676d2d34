/**
 * The S3 {@link dev.mlops.api.storage.ObjectStore}: {@link dev.mlops.storage.s3.S3ObjectStore}, on
 * Amazon S3 or any S3-compatible service (MinIO, Ceph, R2, S3Proxy), opened directly or through
 * {@link dev.mlops.storage.s3.S3StorageProvider} for {@code s3:} URIs.
 *
 * <p>Correctness comes from S3 conditional writes alone ({@code If-None-Match: *} to create,
 * {@code If-Match: <etag>} to replace): no lock server, no database. The object with key {@code
 * a/b} is the S3 object {@code <prefix>a/b} in the store's bucket.
 */
@NullMarked
package dev.mlops.storage.s3;

import org.jspecify.annotations.NullMarked;
