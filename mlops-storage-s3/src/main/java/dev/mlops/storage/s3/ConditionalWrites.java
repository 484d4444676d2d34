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
  /** How often a compare-and-set is sent when radosgw cancels it with nobody winning. */
  private static final int MAX_SENDS = 3;

  private final S3Client s3;
  private final S3Settings settings;
  private final S3Failures failures;
  /**
   * Whether If-Match carries the ETag in quotes, as S3 returns it (Amazon S3, HTTP) or bare (Ceph
   * radosgw compares the header with the stored ETag without quotes, so it refuses the quoted
   * form); the write probe finds which form the service honours.
   */
  private volatile boolean quotedIfMatch = true;

  ConditionalWrites(S3Client s3, S3Settings settings, S3Failures failures) {
    this.s3 = s3;
    this.settings = settings;
    this.failures = failures;
  }

  /** Sends If-Match with bare ETags from now on: the write probe found the service wants them. */
  void useBareIfMatch() {
    quotedIfMatch = false;
  }

  boolean quotedIfMatch() {
    return quotedIfMatch;
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
    for (int sends = 1; ; sends++) {
      Sent sent = putOnce(action, key, fullKey, body, expected);
      if (!sent.cancelled()) {
        return sent.result();
      }
      if (sends == MAX_SENDS) {
        throw failures.unavailable(action, key, new IllegalStateException("the service cancelled"
            + " the write " + MAX_SENDS + " times (HTTP 500 UnknownError) while the object stayed"
            + " as expected: racing writers kept cancelling each other; retry"));
      }
    }
  }

  /**
   * What one conditional put did: its result, or that radosgw cancelled it although the object
   * was still the expected one (two racing writes cancelled each other), so it may be sent again.
   */
  private record Sent(Optional<VersionToken> result, boolean cancelled) {}

  /** One conditional put, with the SDK's retries. */
  private Sent putOnce(String action, String key, String fullKey,
      RequestBody body, VersionToken expected) {
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
      request.ifMatch(quotedIfMatch ? quote(expected.value()) : expected.value());
    }
    if (settings.sse() != null) {
      request.serverSideEncryption(settings.sse()).ssekmsKeyId(settings.kmsKeyId());
    }
    if (settings.storageClass() != null) {
      request.storageClass(settings.storageClass());
    }
    try {
      String eTag = s3.putObject(request.build(), body).eTag();
      return new Sent(eTag != null ? Optional.of(token(eTag))
          : confirmOwnWrite(action, key, fullKey, writeId), false);
    } catch (S3Exception e) {
      Optional<VersionToken> resolved = resolveFailedCondition(action, key, fullKey, writeId,
          attempts, e, expected.isAbsent() && "create".equals(action));
      if (resolved.isEmpty() && isLostRace(e) && !expected.isAbsent()) {
        Optional<HeadObjectResponse> now = head(action, key, fullKey);
        boolean unchanged = now.isPresent() && now.get().eTag() != null
            && expected.value().equals(unquote(now.get().eTag()));
        return new Sent(resolved, unchanged);
      }
      return new Sent(resolved, false);
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

  /**
   * 412 Precondition Failed, 409 ConditionalRequestConflict, 404 of the object or the upload, or
   * radosgw's lost race ({@link #isLostRace}).
   */
  static boolean isFailedCondition(S3Exception e) {
    if (e.statusCode() == 412 || e.statusCode() == 409 || isLostRace(e)) {
      return true;
    }
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return e.statusCode() == 404 && ("NoSuchKey".equals(code) || "NoSuchUpload".equals(code));
  }

  /**
   * Whether radosgw answered a conditional write as a race lost inside the cluster: {@code 500
   * UnknownError}, which the client's interceptor turns into a 412 so that the SDK does not retry
   * it (see {@link S3Clients#LOST_RACE_CODE}).
   */
  static boolean isLostRace(S3Exception e) {
    return (e.statusCode() == 412 || e.statusCode() == 500) && e.awsErrorDetails() != null
        && S3Clients.LOST_RACE_CODE.equals(e.awsErrorDetails().errorCode());
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
