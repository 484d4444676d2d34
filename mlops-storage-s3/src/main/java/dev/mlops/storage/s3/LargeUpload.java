package dev.mlops.storage.s3;

import dev.mlops.api.storage.VersionToken;
import java.io.IOException;
import java.io.PushbackInputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Streams an object larger than one part through a multipart upload and publishes it with {@code
 * CompleteMultipartUpload} and {@code If-None-Match: *}. Up to {@code uploadConcurrency} parts go
 * up at once on the store's part threads, each from its own buffer, so memory per upload stays at
 * {@code uploadConcurrency × partSize} (see {@link PartUploads}). The upload is aborted on any
 * failure, once no part is in flight any more, so parts are left behind only if the abort itself
 * fails ({@link AbandonedWrites} or a lifecycle rule removes those, see docs/operations-s3.md).
 */
final class LargeUpload {
  /** S3 allows at most 10,000 parts per upload. */
  static final int MAX_PARTS = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(LargeUpload.class);

  private final S3Client s3;
  private final S3Settings settings;
  private final S3Failures failures;
  private final ConditionalWrites writes;
  /** The store's threads that send parts; null at an upload concurrency of 1. */
  private final @Nullable ExecutorService partThreads;

  LargeUpload(S3Client s3, S3Settings settings, S3Failures failures, ConditionalWrites writes,
      PartThreads partThreads) {
    this.s3 = s3;
    this.settings = settings;
    this.failures = failures;
    this.writes = writes;
    this.partThreads = settings.uploadConcurrency() == 1 ? null : partThreads.executor();
  }

  /**
   * Uploads the rest of {@code content}, whose first parts are already in {@code held} (full, as
   * the content goes on).
   *
   * @return the token if this call created the object, empty if it already existed
   */
  Optional<VersionToken> putIfAbsent(String key, String fullKey, List<PartBuffer> held,
      PushbackInputStream content) {
    String writeId = ConditionalWrites.newWriteId();
    String uploadId = create(key, fullKey, writeId);
    PartUploads parts = new PartUploads(partThreads, settings.uploadConcurrency(),
        settings.partSize(), held.size(),
        (number, buffer) -> uploadPart(key, fullKey, uploadId, number, buffer));
    boolean done = false;
    try {
      for (int number = 1; number < held.size(); number++) {
        parts.send(number, held.get(number - 1));
      }
      PartBuffer buffer = held.get(held.size() - 1);
      boolean last = false;
      for (int number = held.size(); ; number++) {
        parts.send(number, buffer);
        if (last) {
          break;
        }
        if (number == MAX_PARTS) {
          throw failures.unavailable("upload", key, new IllegalStateException("the object has"
              + " more than " + MAX_PARTS + " parts of " + settings.partSize() + " bytes;"
              + " raise the store's partSize"));
        }
        buffer = parts.nextBuffer();
        last = fill(key, buffer, content);
      }
      Optional<VersionToken> result = complete(key, fullKey, uploadId, writeId, parts.awaitAll());
      done = result.isPresent();
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failures.interrupted("upload", key);
    } finally {
      if (!done) {
        parts.settle();
        abort(fullKey, uploadId);
      }
    }
  }

  private boolean fill(String key, PartBuffer buffer, PushbackInputStream content) {
    try {
      return buffer.fill(content);
    } catch (IOException e) {
      throw failures.contentFailed(key, e);
    }
  }

  private String create(String key, String fullKey, String writeId) {
    CreateMultipartUploadRequest.Builder request = CreateMultipartUploadRequest.builder()
        .bucket(settings.bucket())
        .key(fullKey)
        .metadata(Map.of(ConditionalWrites.WRITE_ID, writeId));
    if (settings.sse() != null) {
      request.serverSideEncryption(settings.sse()).ssekmsKeyId(settings.kmsKeyId());
    }
    if (settings.storageClass() != null) {
      request.storageClass(settings.storageClass());
    }
    try {
      return s3.createMultipartUpload(request.build()).uploadId();
    } catch (SdkException e) {
      throw failures.unavailable("start the upload of", key, e);
    }
  }

  private CompletedPart uploadPart(String key, String fullKey, String uploadId, int number,
      PartBuffer buffer) {
    try {
      UploadPartResponse response = s3.uploadPart(b -> b.bucket(settings.bucket()).key(fullKey)
          .uploadId(uploadId).partNumber(number).contentLength((long) buffer.size()),
          buffer.body());
      return CompletedPart.builder().partNumber(number).eTag(response.eTag())
          .checksumCRC32(response.checksumCRC32()).build();
    } catch (SdkException e) {
      if (S3Failures.isNoSuchUpload(e)) {
        throw failures.uploadAborted(key, e);
      }
      throw failures.unavailable("upload part " + number + " of", key, e);
    }
  }

  private Optional<VersionToken> complete(String key, String fullKey, String uploadId,
      String writeId, List<CompletedPart> parts) {
    AtomicInteger attempts = new AtomicInteger();
    CompleteMultipartUploadRequest request = CompleteMultipartUploadRequest.builder()
        .bucket(settings.bucket())
        .key(fullKey)
        .uploadId(uploadId)
        .multipartUpload(b -> b.parts(parts))
        .ifNoneMatch("*")
        .overrideConfiguration(o -> o.putExecutionAttribute(S3Clients.ATTEMPTS, attempts))
        .build();
    try {
      // radosgw answers without an ETag: the object then tells whether this write made it
      String eTag = s3.completeMultipartUpload(request).eTag();
      return ConditionalWrites.tokenIfAny(eTag).isPresent()
          ? ConditionalWrites.tokenIfAny(eTag)
          : writes.confirmOwnWrite("create", key, fullKey, writeId);
    } catch (S3Exception e) {
      if (attempts.get() <= 1 && S3Failures.isNoSuchUpload(e)) {
        throw failures.uploadAborted(key, e); // not a lost race: the first attempt found no upload
      }
      return writes.resolveFailedCondition("create", key, fullKey, writeId, attempts, e, true);
    } catch (SdkException e) {
      throw failures.unavailable("complete the upload of", key, e);
    }
  }

  private void abort(String fullKey, String uploadId) {
    // The SDK refuses to start a request in an interrupted thread; the parts must be freed anyway.
    boolean interrupted = Thread.interrupted();
    try {
      s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(fullKey).uploadId(uploadId));
    } catch (SdkException | IllegalStateException e) { // IllegalStateException: the store closed
      if (S3Failures.isNoSuchUpload(e)) {
        return; // already aborted: nothing to free
      }
      LOG.warn("Could not abort multipart upload {} of '{}' in {}; garbage collection"
          + " (removeAbandonedWrites) or a lifecycle rule for incomplete uploads removes its parts"
          + " later: {}", uploadId, fullKey, settings.describe(),
          S3Failures.oneLine(String.valueOf(e.getMessage())));
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
