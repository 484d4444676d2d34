package dev.mlops.core.internal.storage;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.StorageUnavailableException;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.stream.Stream;

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
public final class SealedDocumentStore implements ObjectStore {
  private final ObjectStore store;

  private SealedDocumentStore(ObjectStore store) {
    this.store = store;
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
    return store instanceof SealedDocumentStore sealed ? sealed.store : store;
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
  public URI uri() {
    return store.uri();
  }

  @Override
  public InputStream open(String key) {
    if (!isDocument(key)) {
      return store.open(key);
    }
    byte[] stored;
    try (InputStream in = store.open(key)) {
      stored = in.readNBytes(MAX_GET_SIZE + 1);
    } catch (IOException e) {
      throw new StorageUnavailableException("Could not read '" + key + "' of " + store.uri() + ": "
          + e.getMessage(), e);
    }
    if (stored.length > MAX_GET_SIZE) {
      throw tooLarge(key);
    }
    return new ByteArrayInputStream(DocumentSeal.unseal(key, stored));
  }

  @Override
  public Optional<StoredBytes> get(String key) {
    Optional<StoredBytes> stored = store.get(key);
    if (stored.isEmpty() || !isDocument(key)) {
      return stored;
    }
    return Optional.of(StoredBytes.of(DocumentSeal.unseal(key, stored.get().bytes()),
        stored.get().token()));
  }

  @Override
  public boolean putIfAbsent(String key, InputStream content) {
    if (!isDocument(key)) {
      return store.putIfAbsent(key, content);
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
    return store.putIfAbsent(key, DocumentSeal.seal(body));
  }

  @Override
  public boolean putIfAbsent(String key, byte[] content) {
    return store.putIfAbsent(key, isDocument(key) ? DocumentSeal.seal(content) : content);
  }

  @Override
  public Optional<VersionToken> compareAndSet(String key, VersionToken expected, byte[] content) {
    return store.compareAndSet(key, expected, isDocument(key) ? DocumentSeal.seal(content) : content);
  }

  @Override
  public Stream<ObjectInfo> list(String prefix) {
    return store.list(prefix);
  }

  @Override
  public boolean delete(String key) {
    return store.delete(key);
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    return store.stat(key);
  }

  @Override
  public long removeAbandonedWrites() {
    return store.removeAbandonedWrites();
  }

  @Override
  public void close() {
    store.close();
  }

  @Override
  public String toString() {
    return "SealedDocumentStore[" + store + "]";
  }

  private static MlOpsException tooLarge(String key) {
    return new MlOpsException("Document '" + key + "' is larger than " + MAX_GET_SIZE
        + " bytes; documents are small by design, so this one is not the SDK's");
  }
}
