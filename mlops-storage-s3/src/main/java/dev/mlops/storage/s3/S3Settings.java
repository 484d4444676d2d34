package dev.mlops.storage.s3;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The resolved settings of one {@link S3ObjectStore}, as {@link S3ObjectStore.Builder} checked
 * them.
 *
 * @param bucket the bucket
 * @param prefix the key prefix of the store in the bucket, empty or ending with {@code /}
 * @param region the region, or null for the SDK's default region chain
 * @param endpoint the endpoint override, or null for AWS's endpoint of the region
 * @param pathStyle whether requests name the bucket in the path instead of the host name
 * @param credentials where credentials come from
 * @param sse the server-side encryption header value, or null for the bucket's default
 * @param kmsKeyId the KMS key of SSE-KMS, or null for the AWS managed key
 * @param storageClass the storage class of new objects, or null for the bucket's default
 * @param partSize the size of one multipart part, also the largest single-request upload
 * @param uploadConcurrency the parts of one multipart upload in flight (and in memory) at once
 * @param multipartThreshold the largest content sent in one PutObject, rounded up to whole parts;
 *     at least {@code partSize}
 * @param connectionTimeout the TCP connect timeout
 * @param socketTimeout the longest wait for data on an open connection
 * @param apiCallTimeout the bound on one call with all its retries, or null for none
 * @param maxAttempts the attempts per request, retries included
 * @param retryBaseDelay the base of the exponential backoff with jitter
 * @param retryMaxBackoff the longest wait between two attempts
 * @param maxConnections the size of the HTTP connection pool
 * @param verifyBucket whether opening checks that the bucket can be reached
 * @param readOnly whether every write is refused (and the service is never probed)
 * @param abandonedUploadAge the age after which an unfinished multipart upload, or a probe
 *     object, counts as abandoned by a writer that died; zero or more
 * @param uploadChecksums whether uploads carry the SDK's additional checksums (CRC32 trailers),
 *     or null for the SDK's own default (they do, unless AWS_REQUEST_CHECKSUM_CALCULATION says)
 */
record S3Settings(
    String bucket,
    String prefix,
    @Nullable String region,
    @Nullable URI endpoint,
    boolean pathStyle,
    AwsCredentialsProvider credentials,
    @Nullable String sse,
    @Nullable String kmsKeyId,
    @Nullable String storageClass,
    int partSize,
    int uploadConcurrency,
    long multipartThreshold,
    Duration connectionTimeout,
    Duration socketTimeout,
    @Nullable Duration apiCallTimeout,
    int maxAttempts,
    Duration retryBaseDelay,
    Duration retryMaxBackoff,
    int maxConnections,
    boolean verifyBucket,
    boolean readOnly,
    Duration abandonedUploadAge,
    @Nullable Boolean uploadChecksums) {

  /**
   * The store's URI: bucket and prefix, with the options that decide which service is reached and
   * how objects are written there (region, endpoint, pathStyle, sse, kmsKeyId, storageClass,
   * readOnly, uploadChecksums) where set, so that opening it again (on a Spark executor, in a
   * child process) reaches the same store and writes alike. Tuning options (sizes, timeouts,
   * retries, connections) are left to each opener; credentials never appear.
   */
  URI uri() {
    StringBuilder query = new StringBuilder();
    option(query, "region", region);
    option(query, "endpoint", endpoint == null ? null : endpoint.toString());
    option(query, "pathStyle", pathStyle ? "true" : null);
    option(query, "sse", sse);
    option(query, "kmsKeyId", kmsKeyId == null || kmsKeyId.isEmpty() ? null : kmsKeyId);
    option(query, "storageClass", storageClass);
    option(query, "readOnly", readOnly ? "true" : null);
    option(query, "uploadChecksums", uploadChecksums == null ? null : uploadChecksums.toString());
    return URI.create("s3://" + bucket + "/" + (prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1))
        + (query.isEmpty() ? "" : "?" + query));
  }

  private static void option(StringBuilder query, String name, @Nullable String value) {
    if (value != null) {
      query.append(query.isEmpty() ? "" : "&").append(name).append('=')
          .append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
    }
  }

  /** Names the store in messages: bucket, prefix and endpoint; never credentials. */
  String describe() {
    return "S3 bucket '" + bucket + "'" + (prefix.isEmpty() ? "" : " (prefix '" + prefix + "')")
        + (endpoint == null ? "" : " at " + endpoint);
  }
}
