package dev.mlops.core;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The outcome of checking a store ({@code mlops store verify}): every content object re-hashed,
 * every metric segment's checksums and encoding and every stored table sketch's header and
 * checksum checked, every document under {@code refs/} and {@code logs/} unsealed and read with its
 * codec, and every object that a dataset, run, model or other concern refers to looked up.
 *
 * @param objects how many objects were checked
 * @param corrupt keys of damaged objects, sorted: content whose bytes do not hash to its address,
 *     damaged metric segments, damaged or misfiled table sketches, and documents whose checksum
 *     does not match or that do not read
 * @param missing objects that something refers to but that are not in the store, sorted by key
 * @param unsealed how many documents were written before documents carried checksums; they read
 *     as before and are not counted as damaged
 */
public record VerifyReport(long objects, List<String> corrupt, List<Missing> missing,
    long unsealed) {
  /**
   * Creates the value; the lists are copied.
   *
   * @param objects how many objects were checked
   * @param corrupt keys of corrupt objects
   * @param missing referenced objects that are absent
   * @param unsealed documents without a checksum
   */
  public VerifyReport {
    corrupt = List.copyOf(corrupt);
    missing = List.copyOf(missing);
  }

  /**
   * Tells whether every checked object is intact and every referenced object exists.
   *
   * @return {@code true} if nothing is corrupt or missing
   */
  public boolean ok() {
    return corrupt.isEmpty() && missing.isEmpty();
  }

  /**
   * An object that is referred to but absent, typically deleted by hand or by a garbage collection
   * that did not know the reference.
   *
   * @param key the absent object's key
   * @param referrer the key of the document or object that refers to it, or, when that is not
   *     known, the name of the concern whose references lead to it (such as {@code datasets})
   */
  public record Missing(String key, String referrer) {
    /**
     * Creates the value.
     *
     * @param key the absent object's key
     * @param referrer what refers to it
     */
    public Missing {
      requireNonNull(key, "key");
      requireNonNull(referrer, "referrer");
    }
  }
}
