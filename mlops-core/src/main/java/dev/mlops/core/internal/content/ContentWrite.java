package dev.mlops.core.internal.content;

import dev.mlops.api.ConflictException;
import dev.mlops.api.MlOpsException;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.gc.WriteLease;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * One writer's window on the content store, from {@link ContentStore#beginWrite(String)}: the puts of
 * content objects happen through it, and the caller publishes the ref or document that points to
 * them before closing it, in one try-with-resources block:
 *
 * <pre>{@code
 * try (ContentWrite write = content.beginWrite("register churn")) {
 *   ChunkRef stored = write.putFile(file);
 *   write.publishing();
 *   store.putIfAbsent(documentKey, documentPointingTo(stored));
 * }
 * }</pre>
 *
 * <p>Everything between the first existence check and the publishing write must be inside the
 * window, and {@link #publishing()} is called right before the publishing write: the write holds a
 * {@link WriteLease} from its start to its close, so a garbage collection never runs while it is
 * open (the protocol is in {@code docs/architecture.md}). Closing is idempotent; calls after
 * closing throw {@link IllegalStateException}.
 *
 * <p>Thread-safe: the threads of one commit may put through one write (each with its own
 * {@link ChunkedWriter}). The counters add up what this write stored new.
 */
public final class ContentWrite implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ContentWrite.class);
  private final ObjectStore store;
  private final AtomicLong newBytes = new AtomicLong();
  private final AtomicLong newObjects = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final WriteLease lease;

  ContentWrite(ObjectStore store, String purpose) {
    this.store = store;
    this.lease = WriteLease.acquire(store, purpose);
  }

  /**
   * Says that the publishing write comes next: call it right before the write of the ref or
   * document that points to what was put. It fails if this write paused for so long that a garbage
   * collection may have run meanwhile (then nothing may be published; run the whole write again).
   *
   * @throws ConflictException if the write's lease may have lapsed
   */
  public void publishing() {
    requireOpen();
    lease.checkBeforePublish();
  }

  /**
   * Renews the write's lease when a renewal is due. Every put does this; call it from a long
   * stretch of work that puts nothing (reading a large file before storing it), so the lease does
   * not lapse meanwhile and the write can still publish.
   */
  public void keepAlive() {
    requireOpen();
  }

  /**
   * Stores bytes as one content object unless it exists.
   *
   * @param bytes the content
   * @return its hash and size
   */
  public ChunkRef put(byte[] bytes) {
    return put(bytes, 0, bytes.length);
  }

  /**
   * Stores a range of bytes as one content object unless it exists. The bytes are hashed and put
   * from the same array, which the caller must not change meanwhile.
   *
   * @param bytes the array
   * @param offset where the content starts
   * @param length its length
   * @return its hash and size
   */
  public ChunkRef put(byte[] bytes, int offset, int length) {
    return putHashed(bytes, offset, length, null);
  }

  /**
   * {@link #put(byte[], int, int)} for a caller that has just hashed exactly these bytes of this
   * array (a {@link ChunkedWriter}'s first chunk, whose hash is a copy of the file's digest).
   *
   * @param sha256 the SHA-256 of the range as lowercase hex, or null to compute it here
   */
  ChunkRef putHashed(byte[] bytes, int offset, int length, @Nullable String sha256) {
    requireOpen();
    ChunkRef object = new ChunkRef(sha256 != null ? sha256 : Sha256.hex(bytes, offset, length), length);
    String key = object.key();
    // A cheap existence check first: most chunks of a re-commit are already stored.
    if (!store.exists(key)
        && store.putIfAbsent(key, new ByteArrayInputStream(bytes, offset, length))) {
      counted(length);
    }
    return object;
  }

  /**
   * Stores a file as one content object unless it exists: hashes it, then streams it into the
   * store through a check that fails before the store publishes if the file no longer has that
   * hash. Memory stays flat whatever the file's size.
   *
   * @param file a regular file
   * @return its hash and size
   * @throws ConflictException if the file changed while it was stored; nothing was stored under
   *     its address
   * @throws MlOpsException if the file cannot be read
   */
  public ChunkRef putFile(Path file) {
    requireOpen();
    ChunkRef object;
    try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), Sha256.newDigest())) {
      long size = in.transferTo(OutputStream.nullOutputStream());
      object = new ChunkRef(Sha256.finish(in.getMessageDigest()), size);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    String key = object.key();
    if (store.exists(key)) {
      return object;
    }
    try (InputStream in = new CheckingInputStream(openFile(file), object.sha256(), object.size(),
        problem -> new SourceChangedException(problem))) {
      if (store.putIfAbsent(key, in)) {
        counted(object.size());
      }
    } catch (MlOpsException e) {
      SourceChangedException change = sourceChange(e);
      if (change != null) {
        throw new ConflictException("'" + file + "' changed while it was stored (" + change.getMessage()
            + "); nothing was stored under its address. Try again once nothing writes to the file", e);
      }
      throw e;
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    return object;
  }

  /**
   * Returns a writer that cuts streams into content-defined chunks and stores them through this
   * write. Not thread-safe: take one per thread.
   *
   * @param chunker where to cut
   * @return the writer
   */
  public ChunkedWriter chunked(Chunker chunker) {
    requireOpen();
    return new ChunkedWriter(this, chunker, null);
  }

  /**
   * {@link #chunked(Chunker)} for one long stream: its chunks are stored on {@code storeOn}, a few
   * at a time, while the writer cuts and hashes the next ones, so the store's waits (fsync, the
   * network) overlap the hashing. A content is stored once {@link ChunkedWriter.Output#finish()}
   * (or {@link ChunkedWriter#write}) returns. The writer holds up to four buffers of a maximum
   * chunk for the pending copies; for many files at once, use {@link #chunked(Chunker)} per thread
   * instead.
   *
   * @param chunker where to cut
   * @param storeOn the executor that stores the chunks
   * @return the writer
   */
  public ChunkedWriter chunked(Chunker chunker, Executor storeOn) {
    requireOpen();
    return new ChunkedWriter(this, chunker, java.util.Objects.requireNonNull(storeOn, "storeOn"));
  }

  /**
   * Stores an object derived from content (such as a table's sketches) under its own key unless
   * one is there already. Its key names the content it derives from, not its own bytes, so the
   * reader checks it by its format.
   *
   * @param key a key under {@code objects/} outside {@link ContentKeys#PREFIX}
   * @param bytes the object
   * @throws IllegalArgumentException for a key outside that space
   */
  public void putDerived(String key, byte[] bytes) {
    requireOpen();
    if (!key.startsWith("objects/") || key.startsWith(ContentKeys.PREFIX)) {
      throw new IllegalArgumentException("a derived object lives under objects/ but outside "
          + ContentKeys.PREFIX + ", got '" + key + "'");
    }
    if (!store.exists(key) && store.putIfAbsent(key, bytes)) {
      counted(bytes.length);
    }
  }

  /**
   * Tells whether every chunk of a file is stored (a file remembered from an earlier commit may
   * point at chunks collected since).
   *
   * @param file the file's chunks
   * @return whether all exist
   */
  public boolean isStored(FileContent file) {
    requireOpen();
    Set<String> seen = new HashSet<>();
    for (ChunkRef chunk : file.chunks()) {
      if (seen.add(chunk.sha256()) && !store.exists(chunk.key())) { // not stat: a file store would hash it
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the bytes this write stored that were not in the store before.
   *
   * @return bytes
   */
  public long newBytes() {
    return newBytes.get();
  }

  /**
   * Returns the objects this write stored that were not in the store before.
   *
   * @return objects
   */
  public long newObjects() {
    return newObjects.get();
  }

  /** Ends the window. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        lease.close();
      } catch (RuntimeException e) {
        // What was written stands; a lease nobody deletes runs out after its period.
        LOG.warn("Could not end the write lease of {}; it runs out by itself", store.uri(), e);
      }
    }
  }

  private void counted(long bytes) {
    newBytes.addAndGet(bytes);
    newObjects.incrementAndGet();
  }

  /** Fails after close; renews the lease as a long write goes on. */
  private void requireOpen() {
    if (closed.get()) {
      throw new IllegalStateException("this content write is closed; put content and publish what"
          + " points to it inside one ContentStore.beginWrite() block");
    }
    lease.renewIfDue();
  }

  private static InputStream openFile(Path file) {
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  private static @Nullable SourceChangedException sourceChange(Throwable e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof SourceChangedException change) {
        return change;
      }
    }
    return null;
  }

  private static MlOpsException unreadable(Path file, IOException e) {
    return new MlOpsException("Cannot read '" + file + "': " + e.getMessage()
        + "; check that it exists and is readable", e);
  }

  /** The source of a put is no longer what was hashed; the store then publishes nothing. */
  private static final class SourceChangedException extends IOException {
    SourceChangedException(String problem) {
      super("the file " + problem);
    }
  }
}
