package dev.mlops.storage.s3;

import dev.mlops.api.storage.VersionToken;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Lets a store write only to a service that honours the conditional headers its guarantees rest
 * on. Some S3-compatible services accept {@code If-None-Match} and {@code If-Match} and ignore
 * them, which turns every exactly-one-winner write into a silent lost update. So before the first
 * write of a store (once per store instance; every write waits for it) the store probes the
 * service with an object of its own, outside the store's keys ({@code <prefix>.mlops-probe/<uuid>}:
 * keys never start with {@code .}), in ten requests when the service behaves:
 *
 * <ol>
 *   <li>{@code PutObject} with {@code If-None-Match: *}: must create the object;
 *   <li>the same again: must be refused (412);
 *   <li>{@code PutObject} with {@code If-Match} and the object's ETag: must replace it; where
 *       the quoted ETag (as S3 returns it) is refused, the bare ETag is tried, and if that
 *       replaces it the store sends bare ETags from then on (Ceph radosgw compares If-Match
 *       without the quotes), and the next steps check that form;
 *   <li>the same with the now stale first ETag: must be refused (412);
 *   <li>a one-part multipart upload of the probe object (three requests), completed with {@code
 *       If-None-Match: *}: must be refused (412), and the upload is aborted. Where it replaces
 *       the object instead (radosgw 16), the store creates large objects in one {@code
 *       PutObject} (see {@link SpooledUpload}) rather than refusing the service;
 *   <li>{@code DeleteObject};
 *   <li>{@code PutObject} with {@code If-Match} and the last ETag on the deleted key: must be
 *       refused (404 or 412).
 * </ol>
 *
 * <p>A service that fails a step is refused for writing, for the rest of the store's life, with a
 * {@link dev.mlops.api.StorageUnavailableException} that names the missing feature. A probe that
 * cannot finish (a request whose outcome cannot be known) decides nothing and runs again with a
 * fresh object, up to five times; then the write that ran it fails (naming its own key), and the
 * next write probes again. A store opened read-only refuses every write and never probes. Reads
 * never probe. Thread-safe.
 */
final class WriteProbe {
  /** Where probe objects live, under the store's prefix; outside every key. */
  static final String FOLDER = ".mlops-probe/";
  /** How often a probe is run when requests fail before the caller's write gives up. */
  private static final int PROBE_ATTEMPTS = 5;

  private final S3Client s3;
  private final S3Settings settings;
  private final S3Failures failures;
  private final ConditionalWrites writes;
  private final Object lock = new Object();
  private volatile boolean passed;
  /**
   * Whether the service ignores If-None-Match on CompleteMultipartUpload (radosgw 16), so large
   * objects must be created in one PutObject; known once {@link #awaitWritable} returned.
   */
  private volatile boolean multipartConditionIgnored;
  /** What the service does wrong, once a probe found it; guarded by {@link #lock}. */
  private @Nullable String failed;

  WriteProbe(S3Client s3, S3Settings settings, S3Failures failures, ConditionalWrites writes) {
    this.s3 = s3;
    this.settings = settings;
    this.failures = failures;
    this.writes = writes;
  }

  /**
   * Returns once the store may write: at once after a passed probe, else after the probe.
   *
   * @param action what the caller is about to do, for the message
   * @param key the key it is about to write, for the message; null for a store-wide write
   * @throws dev.mlops.api.StorageUnavailableException if the store is read-only, the service
   *     failed the probe, or the probe could not finish
   */
  void awaitWritable(String action, @Nullable String key) {
    if (settings.readOnly()) {
      throw failures.readOnly(action, key);
    }
    if (passed) {
      return;
    }
    synchronized (lock) {
      if (!passed && failed == null) {
        failed = probeThroughFaults(action, key).orElse(null);
        passed = failed == null;
      }
      if (failed != null) {
        throw failures.conditionsIgnored(action, key, failed);
      }
    }
  }

  /**
   * Runs the probe, again with a fresh object when a request's outcome could not be known (a
   * probe that cannot finish decides nothing, so running it again is safe); the caller's write
   * fails only when the service stays unreachable.
   */
  private Optional<String> probeThroughFaults(String action, @Nullable String key) {
    for (int attempt = 1; ; attempt++) {
      try {
        return probe();
      } catch (dev.mlops.api.StorageUnavailableException e) {
        // A refusal (4xx such as a refused checksum) comes back the same: say it at once, with
        // its own remedy, in the caller's terms.
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        boolean refused = cause instanceof S3Exception s3e && s3e.statusCode() >= 400
            && s3e.statusCode() < 500 && s3e.statusCode() != 408 && s3e.statusCode() != 429;
        if (refused || attempt == PROBE_ATTEMPTS) {
          throw failures.unavailable(action, key == null ? FOLDER : key, cause);
        }
      }
    }
  }

  /**
   * Runs the probe.
   *
   * @return what the service does wrong, completing "this S3 service ...", or empty if it
   *     honours the conditions
   */
  Optional<String> probe() {
    String key = FOLDER + UUID.randomUUID();
    String fullKey = settings.prefix() + key;
    Optional<VersionToken> first = put(key, fullKey, 1, VersionToken.ABSENT);
    if (first.isEmpty()) {
      return Optional.of("refuses If-None-Match: * on PutObject for a key that does not exist"
          + " (HTTP 412 where the object should have been created)");
    }
    Optional<VersionToken> second;
    try {
      if (put(key, fullKey, 2, VersionToken.ABSENT).isPresent()) {
        return Optional.of("ignores If-None-Match on PutObject (a second create with"
            + " If-None-Match: * replaced the object instead of failing with 412)");
      }
      second = put(key, fullKey, 3, first.get());
      if (second.isEmpty() && writes.quotedIfMatch()) {
        // radosgw compares If-Match with the ETag without its quotes: try the bare form
        writes.useBareIfMatch();
        second = put(key, fullKey, 3, first.get());
      }
      if (second.isEmpty()) {
        return Optional.of("refuses If-Match on PutObject with the object's current ETag ("
            + first.get().value() + ", quoted and bare), so no compare-and-set could ever"
            + " succeed");
      }
      if (put(key, fullKey, 4, first.get()).isPresent()) {
        return Optional.of("ignores If-Match on PutObject (a compare-and-set with a stale ETag"
            + " replaced the object instead of failing with 412)");
      }
      multipartConditionIgnored = !multipartCreateRefused(key, fullKey);
    } finally {
      delete(key, fullKey);
    }
    if (put(key, fullKey, 5, second.get()).isPresent()) {
      delete(key, fullKey);
      return Optional.of("ignores If-Match on PutObject for an object that does not exist (a"
          + " compare-and-set on a deleted object created it instead of failing with 404)");
    }
    return Optional.empty();
  }

  /**
   * Whether the service ignores If-None-Match on CompleteMultipartUpload; call only after {@link
   * #awaitWritable} returned.
   */
  boolean multipartConditionIgnored() {
    return multipartConditionIgnored;
  }

  /**
   * Completes a one-part multipart upload onto the existing probe object with If-None-Match: *.
   *
   * @return whether the service refused it, as it must (412 or 409)
   */
  private boolean multipartCreateRefused(String key, String fullKey) {
    String uploadId = null;
    try {
      uploadId = s3.createMultipartUpload(b -> b.bucket(settings.bucket()).key(fullKey))
          .uploadId();
      String id = uploadId;
      String eTag = s3.uploadPart(b -> b.bucket(settings.bucket()).key(fullKey).uploadId(id)
              .partNumber(1),
          PartBuffer.body("mlops write probe, multipart".getBytes(StandardCharsets.US_ASCII)))
          .eTag();
      s3.completeMultipartUpload(b -> b.bucket(settings.bucket()).key(fullKey).uploadId(id)
          .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(eTag).build()))
          .ifNoneMatch("*"));
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 412 || e.statusCode() == 409) {
        abort(fullKey, uploadId);
        return true;
      }
      abort(fullKey, uploadId);
      throw failures.unavailable("create", key, e);
    } catch (SdkException e) {
      abort(fullKey, uploadId);
      throw failures.unavailable("create", key, e);
    }
  }

  private void abort(String fullKey, @Nullable String uploadId) {
    if (uploadId == null) {
      return;
    }
    try {
      s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(fullKey).uploadId(uploadId));
    } catch (SdkException e) {
      // left for removeAbandonedWrites, which aborts uploads older than abandonedUploadAge
    }
  }

  /** A conditional put of a probe object whose content differs at each step (so do ETags). */
  private Optional<VersionToken> put(String key, String fullKey, int step,
      VersionToken expected) {
    byte[] content = ("mlops write probe, step " + step).getBytes(StandardCharsets.US_ASCII);
    return writes.put(expected.isAbsent() ? "create" : "compare-and-set", key, fullKey,
        PartBuffer.body(content), expected);
  }

  private void delete(String key, String fullKey) {
    try {
      s3.deleteObject(b -> b.bucket(settings.bucket()).key(fullKey));
    } catch (SdkException e) {
      throw failures.unavailable("delete", key, e);
    }
  }
}
