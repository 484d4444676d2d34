package dev.mlops.storage.s3;

import dev.mlops.api.storage.VersionToken;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The conditional writes of a store and how their answers are read.
 *
 * <p>A failed condition (412, 409, or 404 for an If-Match on a missing object) normally means
 * another writer won. But the SDK retries a request whose response was lost, and the retry then
 * meets this very write's own object. So each write carries a unique id in its metadata; when a
 * condition fails on any attempt but the first, the object is read back: if it carries this
 * write's id the write won, otherwise the outcome is unknown and the caller is told so, rather than
 * being told of a conflict that may not have happened.
 */
final class ConditionalWrites {
  /** The user metadata entry ({@code x-amz-meta-mlops-write-id}) that identifies a write. */
  static final String WRITE_ID = "mlops-write-id";

  private final S3Client s3;
  private final S3Settings settings;
  private final S3Failures failures;

  ConditionalWrites(S3Client s3, S3Settings settings, S3Failures failures) {
    this.s3 = s3;
    this.settings = settings;
    this.failures = failures;
  }

  static String newWriteId() {
    return UUID.randomUUID().toString();
  }

  /**
   * Puts {@code body} under {@code fullKey} if the object matches {@code expected}.
   *
   * @return the new token, or empty if the condition failed because of another writer
   */
  Optional<VersionToken> put(String action, String key, String fullKey, RequestBody body,
      VersionToken expected) {
    String writeId = newWriteId();
    AtomicInteger attempts = new AtomicInteger();
    PutObjectRequest.Builder request = PutObjectRequest.builder()
        .bucket(settings.bucket())
        .key(fullKey)
        .metadata(Map.of(WRITE_ID, writeId))
        .overrideConfiguration(o -> o.putExecutionAttribute(S3Clients.ATTEMPTS, attempts));
    if (expected.isAbsent()) {
      request.ifNoneMatch("*");
    } else {
      request.ifMatch(quote(expected.value()));
    }
    if (settings.sse() != null) {
      request.serverSideEncryption(settings.sse()).ssekmsKeyId(settings.kmsKeyId());
    }
    if (settings.storageClass() != null) {
      request.storageClass(settings.storageClass());
    }
    try {
      String eTag = s3.putObject(request.build(), body).eTag();
      return eTag != null ? Optional.of(token(eTag))
          : confirmOwnWrite(action, key, fullKey, writeId);
    } catch (S3Exception e) {
      return resolveFailedCondition(action, key, fullKey, writeId, attempts, e,
          expected.isAbsent() && "create".equals(action));
    } catch (SdkException e) {
      throw failures.unavailable(action, key, e);
    }
  }

  /**
   * Reads the answer of a conditional request that failed: empty if another writer won, the token
   * if a lost response hid this write's own success. When only a retry failed and the object is
   * another writer's, a create ({@code If-None-Match: *}) lost: objects made by putIfAbsent are
   * never replaced by design, so the other writer's object was there first. A replace cannot tell
   * whether its first attempt landed and was then replaced, so the outcome is reported unknown.
   *
   * @throws dev.mlops.api.StorageUnavailableException if the failure is not a failed condition,
   *     or the outcome of a replace cannot be known
   */
  Optional<VersionToken> resolveFailedCondition(String action, String key, String fullKey,
      String writeId, AtomicInteger attempts, S3Exception e, boolean create) {
    if (!isFailedCondition(e)) {
      throw failures.unavailable(action, key, e);
    }
    if (attempts.get() <= 1) {
      return Optional.empty();
    }
    Optional<HeadObjectResponse> now = head(action, key, fullKey);
    if (now.isPresent() && now.get().eTag() != null
        && writeId.equals(now.get().metadata().get(WRITE_ID))) {
      return Optional.of(token(now.get().eTag()));
    }
    if (create && now.isPresent()) {
      return Optional.empty();
    }
    throw failures.outcomeUnknown(action, key);
  }

  /**
   * Reads back an object whose write was answered without an ETag (a response cut short): the
   * write counts only if the object carries this write's id.
   */
  Optional<VersionToken> confirmOwnWrite(String action, String key, String fullKey,
      String writeId) {
    Optional<HeadObjectResponse> now = head(action, key, fullKey);
    if (now.isPresent() && now.get().eTag() != null
        && writeId.equals(now.get().metadata().get(WRITE_ID))) {
      return Optional.of(token(now.get().eTag()));
    }
    throw failures.outcomeUnknown(action, key);
  }

  Optional<HeadObjectResponse> head(String action, String key, String fullKey) {
    try {
      return Optional.of(s3.headObject(b -> b.bucket(settings.bucket()).key(fullKey)));
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw failures.unavailable(action, key, e);
    } catch (SdkException e) {
      throw failures.unavailable(action, key, e);
    }
  }

  /** 412 Precondition Failed, 409 ConditionalRequestConflict, 404 of the object or the upload. */
  static boolean isFailedCondition(S3Exception e) {
    if (e.statusCode() == 412 || e.statusCode() == 409) {
      return true;
    }
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return e.statusCode() == 404 && ("NoSuchKey".equals(code) || "NoSuchUpload".equals(code));
  }

  /** The token of an ETag: the ETag without its quotes. */
  static VersionToken token(String eTag) {
    if (eTag == null || unquote(eTag).isEmpty()) {
      throw new IllegalStateException("the service answered without an ETag");
    }
    return VersionToken.of(unquote(eTag));
  }

  /** The token of an ETag, or empty where a response (cut short, or odd) carried none. */
  static Optional<VersionToken> tokenIfAny(String eTag) {
    return eTag == null || unquote(eTag).isEmpty() ? Optional.empty() : Optional.of(token(eTag));
  }

  static String unquote(String eTag) {
    return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")
        ? eTag.substring(1, eTag.length() - 1)
        : eTag;
  }

  static String quote(String value) {
    return "\"" + value + "\"";
  }
}
