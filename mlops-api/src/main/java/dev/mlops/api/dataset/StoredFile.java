package dev.mlops.api.dataset;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A file's bytes already stored in a dataset store as content-defined chunks, by
 * {@link DatasetStore#storeFile}, and not yet part of any version: add it to a commit with
 * {@link CommitRequest.Builder#addStored}. This splits a commit over machines: workers store
 * the bytes of their files in parallel, and one writer commits the version (one manifest, one move
 * of the head, conflict-checked like any commit) from their results. A small value (about 80 bytes
 * per chunk), so it travels cheaply from a worker to the committer.
 *
 * @param sha256 the lowercase hex SHA-256 of the whole file
 * @param size the file's size in bytes
 * @param chunks the chunks in order, whose concatenation is the file; empty only for an empty file
 */
public record StoredFile(String sha256, long size, List<Chunk> chunks) {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  /**
   * Creates the value; the list is copied.
   *
   * @param sha256 64 lowercase hex digits
   * @param size not negative
   * @param chunks chunks whose sizes add up to {@code size}
   * @throws IllegalArgumentException if a hash is malformed or the sizes do not add up
   */
  public StoredFile {
    requireNonNull(sha256, "sha256");
    chunks = List.copyOf(requireNonNull(chunks, "chunks"));
    if (!HEX64.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits, got " + sha256);
    }
    long sum = 0;
    for (Chunk chunk : chunks) {
      sum += chunk.size();
    }
    if (sum != size) {
      throw new IllegalArgumentException("the chunks' sizes add up to " + sum + ", not the file's size " + size);
    }
  }

  /**
   * One stored chunk of a file.
   *
   * @param sha256 the lowercase hex SHA-256 of the chunk, its address in the store
   * @param size the chunk's size in bytes
   */
  public record Chunk(String sha256, long size) {
    /**
     * Creates the value.
     *
     * @param sha256 64 lowercase hex digits
     * @param size positive
     * @throws IllegalArgumentException if the hash is malformed or the size not positive
     */
    public Chunk {
      requireNonNull(sha256, "sha256");
      if (!HEX64.matcher(sha256).matches()) {
        throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits, got " + sha256);
      }
      if (size <= 0) {
        throw new IllegalArgumentException("a chunk's size must be positive, got " + size);
      }
    }
  }
}
