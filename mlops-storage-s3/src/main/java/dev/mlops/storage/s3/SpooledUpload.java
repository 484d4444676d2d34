package dev.mlops.storage.s3;

import dev.mlops.api.storage.VersionToken;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Creates a large object in one {@code PutObject} with {@code If-None-Match: *}, for services
 * that ignore that condition on {@code CompleteMultipartUpload} (Ceph radosgw 16: a racing
 * multipart upload would replace an object that exists, so two creators could both win). The
 * content is spooled to a temporary file first (its length must be known before the request, and
 * memory stays flat), sent from there, and the file deleted. One request carries at most {@value
 * #MAX_SINGLE_PUT} bytes (S3's limit), so larger objects are refused on such services.
 */
final class SpooledUpload {
  /** The largest object S3 takes in one PutObject: 5 GiB. */
  static final long MAX_SINGLE_PUT = 5L * 1024 * 1024 * 1024;

  private final S3Settings settings;
  private final S3Failures failures;
  private final ConditionalWrites writes;

  SpooledUpload(S3Settings settings, S3Failures failures, ConditionalWrites writes) {
    this.settings = settings;
    this.failures = failures;
    this.writes = writes;
  }

  /**
   * Spools the held parts and the rest of {@code content}, then creates the object from the file.
   *
   * @return the token if this call created the object, empty if it already existed
   */
  Optional<VersionToken> putIfAbsent(String key, String fullKey, List<PartBuffer> held,
      PushbackInputStream content) {
    Path file = null;
    try {
      file = Files.createTempFile("mlops-s3-upload", ".part");
      long size = spool(key, file, held, content);
      if (size > MAX_SINGLE_PUT) {
        throw failures.unavailable("create", key, new IllegalStateException("the object is "
            + size + " bytes; this S3 service ignores If-None-Match on CompleteMultipartUpload,"
            + " so the store creates objects in one PutObject, which S3 limits to "
            + MAX_SINGLE_PUT + " bytes. Store it on a service that honours the condition"
            + " (Amazon S3), or split it"));
      }
      return writes.put("create", key, fullKey, RequestBody.fromFile(file), VersionToken.ABSENT);
    } catch (IOException e) {
      throw failures.contentFailed(key, e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // a temporary file left behind; the OS's temp cleaning removes it
        }
      }
    }
  }

  /** Writes the held parts and the rest of the content to {@code file}; stops past the limit. */
  private long spool(String key, Path file, List<PartBuffer> held, PushbackInputStream content)
      throws IOException {
    long size = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      for (PartBuffer buffer : held) {
        size += buffer.writeTo(out);
      }
      byte[] chunk = new byte[1 << 16];
      for (int n; (n = content.read(chunk)) != -1 && size <= MAX_SINGLE_PUT; ) {
        out.write(chunk, 0, n);
        size += n;
      }
    }
    return size;
  }
}
