package dev.mlops.core.internal.content;

import java.util.List;

/**
 * The stored form of one file's bytes: the whole file's SHA-256 and size, and the ordered chunks
 * whose concatenation is the file.
 *
 * @param sha256 the whole file's hash, lowercase hex
 * @param size the file's size
 * @param chunks the chunks in order; empty for an empty file or one stored outside the store
 */
public record FileContent(String sha256, long size, List<ChunkRef> chunks) {
  /** Copies the list and checks the sizes add up. */
  public FileContent {
    chunks = List.copyOf(chunks);
    long sum = 0;
    for (ChunkRef chunk : chunks) {
      sum += chunk.size();
    }
    if (!chunks.isEmpty() && sum != size) {
      throw new IllegalArgumentException("chunk sizes add up to " + sum + ", not the file's " + size);
    }
  }
}
