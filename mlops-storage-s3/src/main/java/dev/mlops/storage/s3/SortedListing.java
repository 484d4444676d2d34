package dev.mlops.storage.s3;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectKeys;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Turns the pages of {@code ListObjectsV2} into store keys, lazily. S3 lists in UTF-8 byte order,
 * which for the key rule's ASCII characters is {@link String} order; an S3-compatible service that
 * breaks that order is reported rather than passed on. Objects whose names break the key rule (put
 * in the bucket by other tools) are skipped: no store operation could read them.
 */
final class SortedListing implements Iterator<ObjectInfo> {
  private static final Logger LOG = LoggerFactory.getLogger(SortedListing.class);

  private final Iterator<S3Object> objects;
  private final int prefixLength;
  private final S3Failures failures;
  private final String listedPrefix;
  private @Nullable ObjectInfo next;
  private @Nullable String previousKey;

  SortedListing(Iterator<S3Object> objects, int prefixLength, S3Failures failures,
      String listedPrefix) {
    this.objects = objects;
    this.prefixLength = prefixLength;
    this.failures = failures;
    this.listedPrefix = listedPrefix;
  }

  @Override
  public boolean hasNext() {
    while (next == null) {
      S3Object object;
      try {
        if (!objects.hasNext()) {
          return false;
        }
        object = objects.next();
      } catch (SdkException e) {
        throw failures.unavailable("list", listedPrefix + "*", e);
      }
      String key = object.key().substring(prefixLength);
      if (!ObjectKeys.isValidKey(key)) {
        LOG.debug("Skipping S3 object '{}': its name breaks the key rule", object.key());
        continue;
      }
      if (previousKey != null && previousKey.compareTo(key) >= 0) {
        throw failures.unavailable("list", listedPrefix + "*", new IllegalStateException(
            "the service listed '" + key + "' after '" + previousKey + "'; it does not list"
                + " keys in S3's sorted order"));
      }
      previousKey = key;
      next = new ObjectInfo(key, object.size(),
          ConditionalWrites.tokenIfAny(object.eTag()),
          object.lastModified());
    }
    return true;
  }

  @Override
  public ObjectInfo next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    ObjectInfo result = next;
    next = null;
    return result;
  }
}
