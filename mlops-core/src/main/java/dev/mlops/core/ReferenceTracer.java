package dev.mlops.core;

import dev.mlops.api.NotFoundException;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import dev.mlops.core.internal.storage.ForwardingObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A read-only view through which one concern's garbage collection roots are followed for {@code
 * store verify}. It remembers the last object read whole, so that a reported key missing from the
 * store can be traced to the document that names it: the referrer is that object only if its bytes
 * contain the missing key's hash, else the concern's name (never a guess). It also records reads
 * of content objects that found nothing (a missing manifest stops a walk). Writes are refused.
 */
final class ReferenceTracer extends ForwardingObjectStore {
  /** How much of an object read as a stream is remembered for finding referrers. */
  private static final int REMEMBERED_BYTES = 16 * 1024 * 1024;

  private final String concern;
  private final List<VerifyReport.Missing> missingReads = new ArrayList<>();
  private String lastKey = "";
  private ByteArrayOutputStream lastBytes = new ByteArrayOutputStream();

  ReferenceTracer(ObjectStore store, String concern) {
    super(store);
    this.concern = concern;
  }

  /**
   * What named {@code key}: the last object read if it holds the key's last segment, else
   * the concern.
   */
  String referrerOf(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    return lastBytes.toString(StandardCharsets.ISO_8859_1).contains(name) ? lastKey : concern;
  }

  List<VerifyReport.Missing> missingReads() {
    return missingReads;
  }

  @Override
  public Optional<StoredBytes> get(String key) {
    Optional<StoredBytes> found = delegate().get(key);
    if (found.isPresent()) {
      lastKey = key;
      lastBytes = new ByteArrayOutputStream(found.get().size());
      lastBytes.writeBytes(found.get().bytes());
    } else {
      missed(key);
    }
    return found;
  }

  @Override
  public InputStream open(String key) {
    InputStream in;
    try {
      in = delegate().open(key);
    } catch (NotFoundException e) {
      missed(key);
      throw e;
    }
    // Remember what is read (a manifest, read as a stream), up to a bound, as for get.
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    lastKey = key;
    lastBytes = seen;
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          keep(new byte[] {(byte) b}, 0, 1);
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          keep(buffer, offset, n);
        }
        return n;
      }

      private void keep(byte[] buffer, int offset, int n) {
        if (seen.size() + n <= REMEMBERED_BYTES) {
          seen.write(buffer, offset, n);
        }
      }
    };
  }

  private void missed(String key) {
    if (key.startsWith("objects/")) {
      missingReads.add(new VerifyReport.Missing(key, referrerOf(key)));
    }
  }

  @Override
  public boolean putIfAbsent(String key, InputStream content) {
    throw readOnly();
  }

  @Override
  public boolean putIfAbsent(String key, byte[] content) {
    throw readOnly();
  }

  @Override
  public Optional<VersionToken> compareAndSet(String key, VersionToken expected, byte[] content) {
    throw readOnly();
  }

  @Override
  public boolean delete(String key) {
    throw readOnly();
  }

  @Override
  public void close() {
    // the store is the inspector's, not this view's
  }

  private static UnsupportedOperationException readOnly() {
    return new UnsupportedOperationException("store verify only reads");
  }
}
