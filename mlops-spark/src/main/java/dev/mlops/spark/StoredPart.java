package dev.mlops.spark;

import dev.mlops.api.dataset.StoredFile;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What an executor returns for one part file it stored: the file's path relative to the job's
 * output and its stored form ({@link StoredFile}: hash, size, chunks), about 80 bytes per chunk.
 */
final class StoredPart implements Serializable {
  private static final long serialVersionUID = 1L;

  final String path;
  private final String sha256;
  private final long size;
  private final String[] chunkHashes;
  private final long[] chunkSizes;

  StoredPart(String path, StoredFile file) {
    this.path = path;
    this.sha256 = file.sha256();
    this.size = file.size();
    int chunks = file.chunks().size();
    this.chunkHashes = new String[chunks];
    this.chunkSizes = new long[chunks];
    for (int i = 0; i < chunks; i++) {
      chunkHashes[i] = file.chunks().get(i).sha256();
      chunkSizes[i] = file.chunks().get(i).size();
    }
  }

  StoredFile file() {
    List<StoredFile.Chunk> chunks = new ArrayList<>(chunkHashes.length);
    for (int i = 0; i < chunkHashes.length; i++) {
      chunks.add(new StoredFile.Chunk(chunkHashes[i], chunkSizes[i]));
    }
    return new StoredFile(sha256, size, chunks);
  }
}
