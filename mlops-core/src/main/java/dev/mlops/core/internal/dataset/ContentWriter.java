package dev.mlops.core.internal.dataset;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cuts a stream into content-defined chunks and stores each chunk once under its SHA-256, hashing
 * the chunks and the whole stream in the same pass that reads it. Memory is two maximum chunks,
 * whatever the stream's length.
 *
 * <p>Not thread-safe (it owns its buffer); use one per thread. The counters are shared and safe.
 */
final class ContentWriter {
  private final ObjectStore store;
  private final Chunker chunker;
  private final byte[] buffer;
  private final MessageDigest fileDigest = Digests.sha256();
  private final MessageDigest chunkDigest = Digests.sha256();
  private final AtomicLong newBytes;
  private final AtomicLong newChunks;

  ContentWriter(ObjectStore store, Chunker chunker, AtomicLong newBytes, AtomicLong newChunks) {
    this.store = store;
    this.chunker = chunker;
    this.buffer = new byte[chunker.max() * 2];
    this.newBytes = newBytes;
    this.newChunks = newChunks;
  }

  /**
   * Reads the stream to its end, stores its chunks and describes it.
   *
   * @param in the content, not closed
   * @return the content's hash, size and chunks
   * @throws IOException if reading fails
   */
  FileContent write(InputStream in) throws IOException {
    fileDigest.reset();
    List<ChunkRef> chunks = new ArrayList<>();
    long size = 0;
    int start = 0;
    int end = 0;
    boolean eof = false;
    while (true) {
      if (!eof && end - start < chunker.max()) {
        if (buffer.length - start < chunker.max()) {
          System.arraycopy(buffer, start, buffer, 0, end - start);
          end -= start;
          start = 0;
        }
        int read = in.readNBytes(buffer, end, buffer.length - end);
        end += read;
        eof = end < buffer.length;
        continue;
      }
      if (start == end) {
        break;
      }
      int length = chunker.cut(buffer, start, end - start);
      ChunkRef chunk = store(start, length);
      if (eof && chunks.isEmpty() && start + length == end) {
        // The whole file is one chunk: its hash is the file's hash, no need to compute it twice.
        return new FileContent(chunk.sha256(), length, List.of(chunk));
      }
      fileDigest.update(buffer, start, length);
      chunks.add(chunk);
      size += length;
      start += length;
    }
    String sha = HexFormat.of().formatHex(fileDigest.digest());
    return new FileContent(sha, size, chunks);
  }

  private ChunkRef store(int offset, int length) {
    chunkDigest.update(buffer, offset, length);
    ChunkRef chunk = new ChunkRef(HexFormat.of().formatHex(chunkDigest.digest()), length);
    String key = chunk.key();
    // A cheap existence check first: most chunks of a re-commit are already stored.
    if (store.stat(key).isEmpty()
        && store.putIfAbsent(key, new ByteArrayInputStream(buffer, offset, length))) {
      newBytes.addAndGet(length);
      newChunks.incrementAndGet();
    }
    return chunk;
  }

  /** Wraps a read failure in the SDK's exception, naming the source. */
  static MlOpsException readFailure(String source, IOException e) {
    return new MlOpsException("Cannot read '" + source + "': " + e.getMessage()
        + "; check that it exists and is readable, then commit again", e);
  }
}
