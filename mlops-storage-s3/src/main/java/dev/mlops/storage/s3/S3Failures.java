package dev.mlops.storage.s3;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.StorageUnavailableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Builds the exceptions of one store. Every message is one line that names the bucket, the key
 * and the cause, and says what to do; none carries credentials (the SDK's messages do not either).
 */
final class S3Failures {
  private final S3Settings settings;

  S3Failures(S3Settings settings) {
    this.settings = settings;
  }

  StorageUnavailableException unavailable(String action, String key, Throwable cause) {
    return new StorageUnavailableException("Could not " + action + " object '" + key + "' in "
        + settings.describe() + ": " + describe(cause) + ". " + hint(cause), cause);
  }

  StorageUnavailableException bucketUnavailable(Throwable cause) {
    return new StorageUnavailableException("Could not open " + settings.describe() + ": "
        + describe(cause) + ". " + hint(cause), cause);
  }

  StorageUnavailableException outcomeUnknown(String action, String key) {
    return new StorageUnavailableException("The " + action + " of object '" + key + "' in "
        + settings.describe() + " may or may not have taken effect: a retry after a lost response"
        + " found the condition failed and the object is not this write's. Re-read the object"
        + " and decide again.");
  }

  /** A write to a store opened with {@code readOnly}; {@code key} null for a store-wide write. */
  StorageUnavailableException readOnly(String action, @Nullable String key) {
    return new StorageUnavailableException("Could not " + action + object(key) + " in "
        + settings.describe() + ": the store was opened read-only (readOnly=true), so it refuses"
        + " every write. To write, open it without readOnly=true in the store URI (in Java, without"
        + " S3ObjectStore.Builder.readOnly(true)).");
  }

  /**
   * A write to a store whose service failed the write probe.
   *
   * @param key the key written, or null for a store-wide write
   * @param missing what the service does wrong, as "this S3 service ..." completes it
   */
  StorageUnavailableException conditionsIgnored(String action, @Nullable String key,
      String missing) {
    return new StorageUnavailableException("Refusing to " + action + object(key) + " in "
        + settings.describe() + ": this S3 service " + missing + ". The store's exactly-one-"
        + "winner guarantees rest on S3's conditional writes, so writing here could silently lose"
        + " updates. Use a service that honours If-None-Match and If-Match on PutObject (Amazon"
        + " S3, MinIO, Ceph radosgw; see docs/operations-s3.md), or, to only read this store,"
        + " open it read-only (readOnly=true in the store URI, S3ObjectStore.Builder.readOnly(true)"
        + " in Java).");
  }

  /** A multipart upload that vanished while it ran (404 NoSuchUpload on a part or on completion). */
  StorageUnavailableException uploadAborted(String key, Throwable cause) {
    return new StorageUnavailableException("The multipart upload of object '" + key + "' in "
        + settings.describe() + " was aborted while it ran: by garbage collection"
        + " (removeAbandonedWrites, in this or another process, aborts uploads older than"
        + " abandonedUploadAge, default " + S3ObjectStore.Builder.DEFAULT_ABANDONED_UPLOAD_AGE
        + ") or by a bucket lifecycle rule."
        + " Nothing was stored; retry, and set abandonedUploadAge above the longest upload.", cause);
  }

  MlOpsException interrupted(String action, String key) {
    return new MlOpsException("Interrupted while trying to " + action + " object '" + key + "' in "
        + settings.describe() + "; the upload was aborted and nothing was stored.");
  }

  NotFoundException notFound(String key) {
    return new NotFoundException("No object '" + key + "' in " + settings.describe()
        + "; check the key or list the store to see what exists.");
  }

  MlOpsException contentFailed(String key, IOException cause) {
    return new MlOpsException("Could not read the content to store as object '" + key + "' in "
        + settings.describe() + ": " + oneLine(String.valueOf(cause.getMessage()))
        + ". Nothing was stored; fix the source and retry.", cause);
  }

  private static String object(@Nullable String key) {
    return key == null ? "" : " object '" + key + "'";
  }

  /** Tells whether the service answered 404 NoSuchUpload: the upload was aborted or completed. */
  static boolean isNoSuchUpload(Throwable e) {
    return e instanceof S3Exception s3 && s3.statusCode() == 404
        && "NoSuchUpload".equals(errorCode(s3));
  }

  /** Tells whether the service answered with this HTTP status. */
  static boolean hasStatus(Throwable e, int status) {
    return e instanceof S3Exception s3 && s3.statusCode() == status;
  }

  private String describe(Throwable cause) {
    if (cause instanceof S3Exception s3) {
      String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
      String message = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorMessage();
      return "HTTP " + s3.statusCode() + (code == null ? "" : " " + code)
          + (message == null ? "" : " (" + oneLine(message) + ")");
    }
    Throwable root = rootCause(cause);
    String text = cause.getClass().getSimpleName() + ": " + oneLine(String.valueOf(cause.getMessage()));
    return root == cause ? text : text + " caused by " + root.getClass().getSimpleName();
  }

  private String hint(Throwable cause) {
    if (cause instanceof S3Exception s3) {
      int status = s3.statusCode();
      if (status == 403 || status == 401) {
        return "Check the credentials (the AWS SDK default chain: AWS_ACCESS_KEY_ID, AWS_PROFILE,"
            + " instance role) and that the IAM policy grants s3:GetObject, s3:PutObject,"
            + " s3:DeleteObject and s3:ListBucket on this bucket (see docs/operations-s3.md)";
      }
      if (status == 404) {
        return "Check that the bucket exists (create it, or fix the bucket name)";
      }
      if (status == 301 || status == 400 && "AuthorizationHeaderMalformed".equals(errorCode(s3))) {
        return "The bucket is in another region: set the store's region";
      }
      if (status == 400 && "XAmzContentSHA256Mismatch".equals(errorCode(s3))) {
        return "The service refused the upload's checksum: it does not accept the AWS SDK's"
            + " CRC32 trailers (Ceph radosgw and other S3-compatible services). Add"
            + " uploadChecksums=false to the store URI"
            + " (S3ObjectStore.Builder.uploadChecksums(false) in Java), or set"
            + " AWS_REQUEST_CHECKSUM_CALCULATION=when_required";
      }
      if (status >= 500 || status == 429) {
        return "The service kept failing after " + settings.maxAttempts()
            + " attempts; retry later or raise maxAttempts";
      }
      return "Check the store's configuration";
    }
    Throwable root = rootCause(cause);
    if (root instanceof ConnectException || root instanceof UnknownHostException) {
      return "Check the endpoint" + (settings.endpoint() == null ? "" : " " + settings.endpoint())
          + " and the network: the service could not be reached";
    }
    if (root instanceof SocketTimeoutException || cause instanceof ApiCallTimeoutException) {
      return "The service did not answer in time (socket timeout " + settings.socketTimeout()
          + (settings.apiCallTimeout() == null ? "" : ", call timeout " + settings.apiCallTimeout())
          + "); check the network or raise the timeouts";
    }
    if (cause instanceof SdkException && String.valueOf(cause.getMessage()).contains("credentials")) {
      return "Provide credentials through the AWS SDK default chain (AWS_ACCESS_KEY_ID and"
          + " AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or an instance role)";
    }
    return "Check the endpoint, the network and the store's configuration, then retry";
  }

  private static String errorCode(S3Exception e) {
    return e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
  }

  private static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").trim();
  }
}
