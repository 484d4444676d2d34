package dev.mlops.core.internal.content;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Cuts a stream into content-defined chunks and stores each chunk once under its SHA-256 through
 * a {@link ContentWrite}, hashing the chunks and the whole stream in the same pass that reads it.
 * A chunk is hashed and put from the same buffer, so its object always matches its address.
 * Memory is at most two maximum chunks, whatever the stream's length; the buffer starts small and
 * grows only for files larger than it, so many writers for small files cost little.
 *
 * <p>Not thread-safe (it owns its buffer); use one per thread, from {@link ContentWrite#chunked}.
 */
public final class ChunkedWriter {
  private static final int INITIAL_BUFFER = 64 * 1024;

  /**
   * The most one read asks a stream for. A file's stream reads into native memory of the requested
   * size and copies it into the array (a channel's stream: a temporary direct buffer kept per
   * thread; a {@code FileInputStream}: a buffer allocated per read): asked for the whole free
   * buffer (up to two maximum chunks, 8 MiB), that copy went through memory twice and a channel's
   * thread kept up to 8 MiB of native memory; 128 KiB stays in the processor's cache. Reading 1 GiB
   * of cached files (1,000 of 1 MiB) through channel streams in 2 threads took 0.17 instead of 0.19
   * CPU-s.
   */
  private static final int READ_SIZE = 128 * 1024;

  private final ContentWrite write;
  private final Chunker chunker;
  private byte[] buffer;
  private final MessageDigest fileDigest = Sha256.newDigest();
  /** Where chunks are stored while the next ones are cut; null: stored before cutting on. */
  private final @Nullable ChunkPuts puts;

  ChunkedWriter(ContentWrite write, Chunker chunker, @Nullable Executor storeOn) {
    this.write = write;
    this.chunker = chunker;
    this.buffer = new byte[Math.min(INITIAL_BUFFER, chunker.max() * 2)];
    this.puts = storeOn == null ? null : new ChunkPuts(storeOn, chunker.max());
  }

  /**
   * Reads the stream to its end, stores its chunks and describes it.
   *
   * @param in the content, not closed
   * @return the content's hash, size and chunks
   * @throws IOException if reading fails
   */
  public FileContent write(InputStream in) throws IOException {
    Output out = new Output();
    while (true) {
      out.makeRoom();
      int read = in.readNBytes(buffer, out.end, Math.min(READ_SIZE, buffer.length - out.end));
      if (read == 0) {
        return out.finish();
      }
      out.end += read;
      out.cutFullChunks();
    }
  }

  /**
   * Opens an output stream whose bytes are chunked and stored as they are written; call
   * {@link Output#finish()} instead of (or before) closing it to get the content.
   *
   * @return the stream
   */
  public Output output() {
    return new Output();
  }

  /** Chunks what is written to it; memory is the writer's buffer of two maximum chunks. */
  public final class Output extends java.io.OutputStream {
    private final List<ChunkRef> chunks = new ArrayList<>();
    private long size;
    private int start;
    private int end;
    private FileContent result;
    private MessageDigest digest = fileDigest;

    private Output() {
      fileDigest.reset();
    }

    /**
     * Starts this output as the continuation of stored content: what is written next follows its
     * chunks, which are neither read nor stored again (rows appended to a table whose earlier file
     * is verified by its hash). Call before writing anything.
     *
     * @param prefix the content the output's bytes follow
     * @param prefixDigest a digest that has been given exactly the prefix's bytes; this output owns
     *     it from now on and goes on with it, so the content's hash is the whole file's
     */
    public void extend(FileContent prefix, MessageDigest prefixDigest) {
      if (size != 0 || end != start || !chunks.isEmpty()) {
        throw new IllegalStateException("extend before writing");
      }
      chunks.addAll(prefix.chunks());
      size = prefix.size();
      digest = prefixDigest;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      while (length > 0) {
        if (end == buffer.length) {
          makeRoom();
        }
        int n = Math.min(length, buffer.length - end);
        System.arraycopy(bytes, offset, buffer, end, n);
        end += n;
        offset += n;
        length -= n;
        cutFullChunks();
      }
    }

    /**
     * Makes room to read into: moves pending bytes to the buffer's start when less than a maximum
     * chunk of room is left, and grows the buffer (up to two maximum chunks) when it is still full.
     * Pending bytes stay below a maximum chunk, so the buffer never needs more.
     */
    private void makeRoom() {
      if (buffer.length - end < chunker.max() && start > 0) {
        compact();
      }
      if (end == buffer.length) {
        buffer = java.util.Arrays.copyOf(buffer, Math.min(chunker.max() * 2, buffer.length * 2));
      }
    }

    private void compact() {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
    }

    /** Cuts while a whole maximum chunk is pending, so every cut sees the bytes it may need. */
    private void cutFullChunks() {
      while (end - start >= chunker.max()) {
        cutOne();
      }
    }

    private void cutOne() {
      cutOne(chunker.cut(buffer, start, end - start));
    }

    private void cutOne(int length) {
      digest.update(buffer, start, length);
      ChunkRef chunk;
      if (chunks.isEmpty()) {
        // The content's first chunk (no chunk yet means no byte yet: extend adds a prefix's chunks
        // with its size). The content's digest has just seen exactly its bytes, so a
        // copy of it, completed, is the chunk's SHA-256. The chunk is hashed once instead of twice
        // (a third of the bytes hashed when committing files of one to a few chunks).
        chunk = store(start, length, firstChunkHash(digest));
      } else {
        chunk = store(start, length, null);
      }
      chunks.add(chunk);
      size += length;
      start += length;
    }

    /**
     * Ends a chunk here: what is pending is cut as {@link #finish()} would cut it, and the next
     * bytes start a new chunk. Writing a file that extends an earlier one (rows appended to a
     * table) with a chunk ended where the earlier one ended gives exactly the earlier one's chunks
     * for those bytes, so only the appended bytes are new.
     */
    public void endChunk() {
      while (start < end) {
        cutOne();
      }
    }

    /**
     * Stores what is still pending and describes the whole content; idempotent.
     *
     * @return the content's hash, size and chunks
     */
    public FileContent finish() {
      if (result != null) {
        return result;
      }
      if (chunks.isEmpty() && end > start && end - start <= chunker.max()) {
        int first = chunker.cut(buffer, start, end - start);
        if (first == end - start) {
          // The whole content is one chunk: its hash is the file's hash, no need to compute it twice.
          ChunkRef only = store(start, end - start, null);
          awaitPuts();
          result = new FileContent(only.sha256(), only.size(), List.of(only));
          return result;
        }
        cutOne(first); // the cut just found, not searched for again
      }
      while (start < end) {
        cutOne();
      }
      awaitPuts();
      result = new FileContent(Sha256.finish(digest), size, chunks);
      return result;
    }
  }

  /**
   * Stores a chunk of the buffer, now or (with an executor) from a copy while cutting goes on.
   *
   * @param sha256 its SHA-256 if known (a content's first chunk), else null
   */
  private ChunkRef store(int offset, int length, @Nullable String sha256) {
    if (puts == null) {
      return write.putHashed(buffer, offset, length, sha256);
    }
    String hash = sha256 != null ? sha256 : Sha256.hex(buffer, offset, length);
    puts.submit(buffer, offset, length, (copy, n) -> write.putHashed(copy, 0, n, hash));
    return new ChunkRef(hash, length);
  }

  /** Returns once every chunk cut so far is stored; throws the first failure. */
  private void awaitPuts() {
    if (puts != null) {
      puts.awaitAll();
    }
  }

  /**
   * Completes a copy of a digest, leaving the digest itself going on; null when the digest cannot
   * be copied (a provider without {@code clone}), and then the chunk is hashed on its own.
   */
  private static @Nullable String firstChunkHash(MessageDigest digest) {
    try {
      return Sha256.finish((MessageDigest) digest.clone());
    } catch (CloneNotSupportedException e) {
      return null;
    }
  }
}
