package dev.mlops.core.internal.content;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.MlOpsException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;

/**
 * The one owner of content objects ({@code objects/sha256/<2 hex>/<64 hex>}, see
 * {@link ContentKeys}, and objects derived from them such as table sketches): every concern
 * stores and reads its content through it.
 *
 * <p>Writes go through a {@link ContentWrite} from {@link #beginWrite(String)}, which spans the puts and
 * the write of the ref or document that publishes them. A content object never holds bytes that
 * do not match its address: bytes are hashed before they are put, and a file is hashed, then
 * streamed through a check that fails before the store publishes if the file changed meanwhile.
 *
 * <p>Reads verify: whole objects are checked before they are returned, streams before their end,
 * chunked files chunk by chunk before any byte of a chunk is handed out. A damaged object, or a
 * missing one that a document points to, is an {@link IntegrityException} naming the key and what
 * to do. Thread-safe; stateless apart from the store.
 */
public final class ContentStore {
  private final ObjectStore store;

  /**
   * Creates the content store over an object store.
   *
   * @param store where the objects live
   */
  public ContentStore(ObjectStore store) {
    this.store = requireNonNull(store, "store");
  }

  /**
   * Begins writing content: every put, and the publishing write of the ref or document that
   * points to what was put, belong inside one {@code try (ContentWrite w = content.beginWrite(purpose))}
   * block, from the first existence check to after the publishing write. Waits while a garbage
   * collection sweeps the store.
   *
   * @param purpose what the write is, for the messages of a collection that waits for it
   * @return the write; close it when the publishing write is done (or failed)
   */
  public ContentWrite beginWrite(String purpose) {
    return new ContentWrite(store, purpose);
  }

  /**
   * Tells whether a content object exists, without reading it.
   *
   * @param sha256 its hash, 64 lowercase hex characters
   * @return whether an object has that address
   */
  public boolean contains(String sha256) {
    return store.exists(ContentKeys.keyOf(sha256));
  }

  /**
   * Reads a content object of unknown size whole and verifies it.
   *
   * @param sha256 its hash, 64 lowercase hex characters
   * @param maxBytes the most it may hold; a larger object is refused without reading it all
   * @param subject what the object is, for error messages
   * @return the verified bytes
   * @throws IntegrityException if it is missing, larger than {@code maxBytes} or damaged
   */
  public byte[] read(String sha256, int maxBytes, Subject subject) {
    return readWhole(sha256, maxBytes, false, subject);
  }

  /**
   * Reads a content object of known size whole and verifies it.
   *
   * @param object its hash and size; the size must be below 2 GiB
   * @param subject what the object is, for error messages
   * @return the verified bytes
   * @throws IntegrityException if it is missing, of another size, or damaged
   */
  public byte[] read(ChunkRef object, Subject subject) {
    if (object.size() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(subject.what() + " is " + object.size() + " bytes; only"
          + " objects under 2 GiB can be read whole: stream it with open(...) instead");
    }
    return readWhole(object.sha256(), (int) object.size(), true, subject);
  }

  /** Reads at most {@code limit} bytes (exactly {@code limit}, if {@code exact}) and checks the hash. */
  private byte[] readWhole(String sha256, int limit, boolean exact, Subject subject) {
    String key = ContentKeys.keyOf(sha256);
    String wrongSize = exact ? "has the wrong size (expected " + limit + " bytes)"
        : "is larger than the " + limit + " bytes it can have";
    byte[] bytes;
    try (InputStream in = openObject(key, subject)) {
      bytes = in.readNBytes(limit);
      if (in.read() >= 0) {
        throw damaged(key, subject, wrongSize);
      }
    } catch (IOException e) {
      throw readFailure(key, e);
    }
    if (exact && bytes.length != limit) {
      throw damaged(key, subject, wrongSize);
    }
    if (!Sha256.hex(bytes).equals(sha256)) {
      throw damaged(key, subject, "does not match its address");
    }
    return bytes;
  }

  /**
   * Opens a content object as a stream that verifies it: a damaged object fails (with an
   * {@link IntegrityException}) before the stream's end and before the bytes that complete its
   * size are handed out. For a file stored in chunks, use {@link #openChunked}, which never hands
   * out a byte of a damaged chunk.
   *
   * @param object its hash and size
   * @param subject what the object is, for error messages
   * @return the stream; close it
   * @throws IntegrityException if it is missing
   */
  public InputStream open(ChunkRef object, Subject subject) {
    String key = object.key();
    return new CheckingInputStream(openObject(key, subject), object.sha256(), object.size(),
        problem -> damaged(key, subject, problem));
  }

  /**
   * Opens a file stored in chunks; each chunk is read whole and verified before any of its bytes
   * is handed out, and the file's hash is checked before its last chunk is. Memory: one chunk.
   *
   * @param file the file's hash, size and chunks
   * @param subject what the file is, for error messages
   * @return the stream; close it
   */
  public InputStream openChunked(FileContent file, Subject subject) {
    return new ChunkedReader(this, file, subject);
  }

  /**
   * Opens a file stored in chunks for reads at any position (a Parquet file read from its footer):
   * only the chunks a read overlaps are fetched, each verified before any of its bytes is handed
   * out; the whole file's hash is not checked, as that would fetch every chunk.
   *
   * @param file the file's hash, size and chunks
   * @param subject what the file is, for error messages
   * @param cachedChunks how many fetched chunks to keep (memory: that many chunks)
   * @return a read-only channel; close it
   */
  public java.nio.channels.FileChannel openRandomAccess(FileContent file, Subject subject, int cachedChunks) {
    return new ChunkedFileChannel(this, file, subject, cachedChunks);
  }

  /** Opens an object that a document points to: a missing one is damage, not "not found". */
  InputStream openObject(String key, Subject subject) {
    try {
      return store.open(key);
    } catch (NotFoundException e) {
      throw damaged(key, subject, "is missing");
    }
  }

  /**
   * Returns the error for a damaged or missing object.
   *
   * @param key the object's key
   * @param subject what it is
   * @param problem what is wrong, such as "is missing"
   * @return the exception to throw
   */
  static IntegrityException damaged(String key, Subject subject, String problem) {
    return new IntegrityException("Stored object '" + key + "' (" + subject.what() + ") " + problem
        + "; the store is damaged: run 'mlops store verify', then " + subject.remedy());
  }

  private MlOpsException readFailure(String key, IOException e) {
    return new MlOpsException("Cannot read object '" + key + "' of " + store.uri() + ": "
        + e.getMessage() + "; check that the store is reachable and try again", e);
  }
}
