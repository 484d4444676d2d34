package dev.mlops.core;

import java.util.List;

/**
 * The outcome of checking a store ({@code mlops store verify}): every content object re-hashed,
 * every metric segment's checksums and encoding and every stored table sketch's header and
 * checksum checked.
 *
 * @param objects how many objects were checked
 * @param corrupt keys of objects whose bytes do not hash to their address, of damaged metric
 *     segments and of damaged or misfiled table sketches, sorted
 */
public record VerifyReport(long objects, List<String> corrupt) {
  /**
   * Creates the value; {@code corrupt} is copied.
   *
   * @param objects how many objects were checked
   * @param corrupt keys of corrupt objects
   */
  public VerifyReport {
    corrupt = List.copyOf(corrupt);
  }

  /**
   * Tells whether every checked object is intact.
   *
   * @return {@code true} if nothing is corrupt
   */
  public boolean ok() {
    return corrupt.isEmpty();
  }
}
