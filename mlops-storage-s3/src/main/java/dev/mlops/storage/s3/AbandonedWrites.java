package dev.mlops.storage.s3;

import dev.mlops.api.storage.ObjectKeys;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.S3Response;

/**
 * Removes what writers that died left under a store's prefix: unfinished multipart uploads (their
 * parts are invisible but billed) and write-probe objects ({@link WriteProbe}).
 *
 * <p>Which ones no live writer can still be using: those older than {@code abandonedUploadAge}
 * (default 24 hours). No live upload or probe of the store gets that old in practice (the largest
 * object S3 takes, 5 TiB, goes up in about 15 hours at 100 MB/s; a probe takes a few requests).
 * Safety does not rest on the bound, only liveness does: a writer whose upload is aborted under
 * it (a process paused for a day, a link slower than that) fails with nothing stored and nothing
 * acknowledged. Ages are measured on the service's clock: the time an upload was initiated or an
 * object last modified, against the {@code Date} of the listing's answer (rounded up to the next
 * second, as it is sent in whole seconds), so the clocks of the machines sharing a store do not
 * matter. Only uploads to keys that follow the key rule are touched: others are not the store's.
 */
final class AbandonedWrites {
  private static final Logger LOG = LoggerFactory.getLogger(AbandonedWrites.class);

  private final S3Client s3;
  private final S3Settings settings;
  private final S3Failures failures;

  AbandonedWrites(S3Client s3, S3Settings settings, S3Failures failures) {
    this.s3 = s3;
    this.settings = settings;
    this.failures = failures;
  }

  /**
   * Removes abandoned uploads and probe objects.
   *
   * @return how many were removed
   */
  long remove() {
    return abortUploads() + deleteProbeObjects();
  }

  private long abortUploads() {
    long aborted = 0;
    try {
      for (ListMultipartUploadsResponse page : s3.listMultipartUploadsPaginator(
          b -> b.bucket(settings.bucket()).prefix(settings.prefix()))) {
        Instant now = serverTime(page);
        for (MultipartUpload upload : page.uploads()) {
          if (isStoreKey(upload.key()) && isAbandoned(upload.initiated(), now)
              && abort(upload)) {
            aborted++;
          }
        }
      }
    } catch (SdkException e) {
      throw failures.unavailable("list the multipart uploads under", settings.prefix() + "*", e);
    }
    return aborted;
  }

  private boolean abort(MultipartUpload upload) {
    try {
      s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(upload.key())
          .uploadId(upload.uploadId()));
      LOG.info("Aborted the multipart upload {} of '{}' in {}, initiated {}", upload.uploadId(),
          upload.key(), settings.describe(), upload.initiated());
      return true;
    } catch (S3Exception e) {
      if (S3Failures.isNoSuchUpload(e)) {
        return false; // completed or aborted meanwhile
      }
      throw failures.unavailable("abort the upload of", upload.key(), e);
    } catch (SdkException e) {
      throw failures.unavailable("abort the upload of", upload.key(), e);
    }
  }

  private long deleteProbeObjects() {
    String folder = settings.prefix() + WriteProbe.FOLDER;
    long deleted = 0;
    try {
      for (ListObjectsV2Response page : s3.listObjectsV2Paginator(
          b -> b.bucket(settings.bucket()).prefix(folder))) {
        Instant now = serverTime(page);
        for (S3Object object : page.contents()) {
          if (isAbandoned(object.lastModified(), now)) {
            s3.deleteObject(b -> b.bucket(settings.bucket()).key(object.key()));
            deleted++;
          }
        }
      }
    } catch (SdkException e) {
      throw failures.unavailable("remove the write probe objects under", folder + "*", e);
    }
    return deleted;
  }

  private boolean isStoreKey(String fullKey) {
    return fullKey.startsWith(settings.prefix())
        && ObjectKeys.isValidKey(fullKey.substring(settings.prefix().length()));
  }

  private boolean isAbandoned(@Nullable Instant since, Instant now) {
    return since != null && !since.plus(settings.abandonedUploadAge()).isAfter(now);
  }

  /** The service's time when it answered, rounded up to a whole second; else this machine's. */
  private static Instant serverTime(S3Response response) {
    Optional<String> date = response.sdkHttpResponse().firstMatchingHeader("Date");
    try {
      return date.map(d -> ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME)
          .toInstant().plusSeconds(1)).orElseGet(Instant::now);
    } catch (DateTimeParseException e) {
      return Instant.now();
    }
  }
}
