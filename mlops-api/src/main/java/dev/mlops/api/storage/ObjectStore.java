package dev.mlops.api.storage;

import dev.mlops.api.ConflictException;
import dev.mlops.api.InvalidNameException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.StorageUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The storage SPI: a flat namespace of immutable-by-default objects under keys, with exactly two
 * write primitives that carry correctness, {@link #putIfAbsent} and {@link #compareAndSet}.
 * Everything the SDK stores (content chunks, manifests, refs, histories) is built on them.
 *
 * <p>Contract shared by every implementation (the conformance kit checks it):
 *
 * <ul>
 *   <li>The namespace is flat: a key may be an object and also the start of other keys
 *       ({@code run} and {@code run/1} can both exist).
 *   <li>Every key and prefix is checked against {@link ObjectKeys} first; a bad one throws
 *       {@link InvalidNameException} and touches nothing.
 *   <li>Atomic visibility: a reader sees either no object or the whole object, never a part.
 *   <li>Durability: when a write method returns, the write survives a crash of the process and of
 *       the machine (as far as the backend promises it).
 *   <li>Streaming: objects of any size pass through {@link #open} and {@link #putIfAbsent} with
 *       memory that does not grow with their size.
 *   <li>Thread-safe; safe for several processes sharing one store where the backend says so.
 *   <li>Failures of the backend itself throw {@link StorageUnavailableException}; a failure of
 *       the caller's content stream throws {@link dev.mlops.api.MlOpsException} with the
 *       {@link java.io.IOException} as cause, and stores nothing.
 *   <li>Calls after {@link #close()} throw {@link IllegalStateException}.
 * </ul>
 */
public interface ObjectStore extends AutoCloseable {
  /** The largest object {@link #get} returns; larger objects must be read with {@link #open}. */
  int MAX_GET_SIZE = 64 * 1024 * 1024;

  /**
   * Returns the URI this store was opened from (credentials removed).
   *
   * @return the store's location
   */
  URI uri();

  /**
   * Opens an object for streaming. The stream reads the content as it was when the call was made,
   * even if the object is replaced while reading; close it when done.
   *
   * @param key the object's key
   * @return a stream of the object's bytes
   * @throws NotFoundException if no object has this key
   * @throws InvalidNameException if the key breaks the key rule
   */
  InputStream open(String key);

  /**
   * Reads a small object whole, with the token to {@link #compareAndSet} it later.
   *
   * @param key the object's key
   * @return the content and its token, or empty if no object has this key
   * @throws InvalidNameException if the key breaks the key rule
   * @throws dev.mlops.api.MlOpsException if the object is larger than {@link #MAX_GET_SIZE}
   */
  Optional<StoredBytes> get(String key);

  /**
   * Creates an object only if the key is free. Of any number of writers racing on one key, across
   * threads and processes, exactly one returns {@code true}, and the object then holds exactly that
   * writer's content. The content is streamed; it is visible only once complete.
   *
   * @param key the object's key
   * @param content the bytes to store, not closed; it may be read to its end even when the key
   *     already exists (a backend learns that only when it publishes)
   * @return {@code true} if this call created the object, {@code false} if the key already existed
   * @throws InvalidNameException if the key breaks the key rule
   */
  boolean putIfAbsent(String key, InputStream content);

  /**
   * Creates an object from bytes only if the key is free; see {@link #putIfAbsent(String,
   * InputStream)}.
   *
   * @param key the object's key
   * @param content the bytes to store
   * @return {@code true} if this call created the object
   * @throws InvalidNameException if the key breaks the key rule
   */
  default boolean putIfAbsent(String key, byte[] content) {
    return putIfAbsent(key, new ByteArrayInputStream(content));
  }

  /**
   * Replaces a small object only if it still holds the content identified by {@code expected}, or
   * creates it only if it is absent when {@code expected} is {@link VersionToken#ABSENT}.
   * Linearizable: concurrent calls on one key behave as if run one at a time, across threads and
   * processes. A lost race is a normal outcome, reported as an empty result, not an exception:
   * re-read with {@link #get} and decide again.
   *
   * @param key the object's key
   * @param expected the token read earlier, or {@link VersionToken#ABSENT}
   * @param content the new content, at most {@link #MAX_GET_SIZE} bytes
   * @return the token of the new content, or empty if the object did not match {@code expected}
   * @throws InvalidNameException if the key breaks the key rule
   * @throws IllegalArgumentException if the content is larger than {@link #MAX_GET_SIZE}
   */
  Optional<VersionToken> compareAndSet(String key, VersionToken expected, byte[] content);

  /**
   * Like {@link #compareAndSet} but throws when the race is lost.
   *
   * @param key the object's key
   * @param expected the token read earlier, or {@link VersionToken#ABSENT}
   * @param content the new content
   * @return the token of the new content
   * @throws ConflictException if the object did not match {@code expected}
   */
  default VersionToken compareAndSetOrThrow(String key, VersionToken expected, byte[] content) {
    return compareAndSet(key, expected, content)
        .orElseThrow(() -> new ConflictException(
            "Object '" + key + "' was changed by another writer since it was read (expected "
                + expected + "); re-read it and retry the change"));
  }

  /**
   * Lists the objects whose keys start with {@code prefix}, sorted by key in ascending
   * {@link String#compareTo} order (for the allowed ASCII characters this is byte order). The
   * stream is lazy (backends page through it) and must be closed, ideally with
   * try-with-resources.
   *
   * @param prefix the prefix; {@code ""} lists everything, {@code "refs/"} one folder
   * @return the matching objects, sorted by key; their tokens may be absent (see
   *     {@link ObjectInfo#token()})
   * @throws InvalidNameException if the prefix breaks the key rule
   */
  Stream<ObjectInfo> list(String prefix);

  /**
   * Deletes an object. Deleting an absent object is not an error.
   *
   * @param key the object's key
   * @return {@code true} if an object was deleted
   * @throws InvalidNameException if the key breaks the key rule
   */
  boolean delete(String key);

  /**
   * Returns what the store knows about an object, without reading its content.
   *
   * @param key the object's key
   * @return the object's size, token and time, or empty if absent
   * @throws InvalidNameException if the key breaks the key rule
   */
  Optional<ObjectInfo> stat(String key);

  /**
   * Tells whether an object exists. Default: {@code stat(key).isPresent()}. A store whose
   * {@link #stat} reads the content (the file store computes its token by hashing the file)
   * answers this without reading it; the content store asks it for every chunk it deduplicates.
   *
   * @param key the object's key
   * @return {@code true} if an object is stored under the key
   * @throws InvalidNameException if the key breaks the key rule
   */
  default boolean exists(String key) {
    return stat(key).isPresent();
  }

  /**
   * Removes what writers that died left behind in the store's own space, outside every key:
   * temporary files of the file system store, unfinished multipart uploads on S3. Only leftovers
   * that no live writer can still be using are removed (a store decides how it knows: a dead
   * process, an age no write can reach); objects under keys are never touched. Garbage collection
   * calls it. Default: there is nothing of the kind, and nothing is removed.
   *
   * @return how many leftovers were removed
   */
  default long removeAbandonedWrites() {
    return 0;
  }

  /** Releases the store's resources. Idempotent; calls after close fail. */
  @Override
  void close();
}
