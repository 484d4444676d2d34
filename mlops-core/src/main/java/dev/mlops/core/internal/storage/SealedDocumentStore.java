package dev.mlops.core.internal.storage;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.StorageUnavailableException;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The view of a store through which the SDK reads and writes: every document (an object under
 * {@code refs/} or {@code logs/}) is sealed with its checksum on write ({@link DocumentSeal}) and
 * checked on read, so a damaged document throws {@link dev.mlops.api.IntegrityException} naming
 * its key instead of reading as a different value. Content objects ({@code objects/...}, checked
 * against their address) and metric segments ({@code logs/runs/<id>/metrics/...}, which carry
 * their own CRCs) pass through unchanged, as does every other key.
 *
 * <p>Tokens are those of the sealed bytes, so compare-and-set works as on the store below.
 * Listings and {@link #stat} report the stored (sealed) sizes. Documents written before seals
 * existed read as they are. Thread-safe if the store below is; {@link #close()} closes it.
 */
public final class SealedDocumentStore extends ForwardingObjectStore {

  private SealedDocumentStore(ObjectStore store) {
    super(store);
  }

  /**
   * Returns the sealed view of a store; a view already sealed is returned as it is.
   *
   * @param store the store to wrap
   * @return the sealed view
   */
  public static ObjectStore wrap(ObjectStore store) {
    requireNonNull(store, "store");
    return store instanceof SealedDocumentStore ? store : new SealedDocumentStore(store);
  }

  /**
   * Returns the store below a sealed view (where documents read with their seal), or the store
   * itself if it is not a sealed view.
   *
   * @param store a store, sealed or not
   * @return the store as it is stored
   */
  public static ObjectStore unwrap(ObjectStore store) {
    return store instanceof SealedDocumentStore sealed ? sealed.delegate() : store;
  }

  /**
   * Tells whether an object under this key is a sealed document.
   *
   * @param key an object key
   * @return {@code true} under {@code refs/} and {@code logs/}, except metric segments
   */
  public static boolean isDocument(String key) {
    if (key.startsWith("refs/")) {
      return true;
    }
    return key.startsWith("logs/") && !isMetricSegment(key);
  }

  private static boolean isMetricSegment(String key) {
    return key.startsWith("logs/runs/") && key.indexOf("/metrics/", "logs/runs/".length()) > 0;
  }

  @Override
  public InputStream open(String key) {
    if (!isDocument(key)) {
      return delegate().open(key);
    }
    byte[] stored;
    try (InputStream in = delegate().open(key)) {
      stored = in.readNBytes(MAX_GET_SIZE + 1);
    } catch (IOException e) {
      throw new StorageUnavailableException("Could not read '" + key + "' of " + delegate().uri()
          + ": " + e.getMessage(), e);
    }
    if (stored.length > MAX_GET_SIZE) {
      throw tooLarge(key);
    }
    return new ByteArrayInputStream(DocumentSeal.unseal(key, stored));
  }

  @Override
  public Optional<StoredBytes> get(String key) {
    Optional<StoredBytes> stored = delegate().get(key);
    if (stored.isEmpty() || !isDocument(key)) {
      return stored;
    }
    return Optional.of(StoredBytes.of(DocumentSeal.unseal(key, stored.get().bytes()),
        stored.get().token()));
  }

  @Override
  public boolean putIfAbsent(String key, InputStream content) {
    if (!isDocument(key)) {
      return delegate().putIfAbsent(key, content);
    }
    byte[] body;
    try {
      body = content.readNBytes(MAX_GET_SIZE + 1);
    } catch (IOException e) {
      throw new MlOpsException("Could not read the content for '" + key + "': " + e.getMessage()
          + "; nothing was stored", e);
    }
    if (body.length > MAX_GET_SIZE) {
      throw tooLarge(key);
    }
    return delegate().putIfAbsent(key, DocumentSeal.seal(body));
  }

  @Override
  public boolean putIfAbsent(String key, byte[] content) {
    return delegate().putIfAbsent(key, isDocument(key) ? DocumentSeal.seal(content) : content);
  }

  @Override
  public Optional<VersionToken> compareAndSet(String key, VersionToken expected, byte[] content) {
    return delegate().compareAndSet(key, expected,
        isDocument(key) ? DocumentSeal.seal(content) : content);
  }

  @Override
  public String toString() {
    return "SealedDocumentStore[" + delegate() + "]";
  }

  private static MlOpsException tooLarge(String key) {
    return new MlOpsException("Document '" + key + "' is larger than " + MAX_GET_SIZE
        + " bytes; documents are small by design, so this one is not the SDK's");
  }
}
