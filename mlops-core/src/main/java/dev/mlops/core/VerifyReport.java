package dev.mlops.core;

import java.util.List;

/**
 * The outcome of re-hashing every content object of a store ({@code mlops store verify}).
 *
 * @param objects how many content objects were checked
 * @param corrupt keys of objects whose bytes do not hash to their address, sorted
 */
public record VerifyReport(long objects, List<String> corrupt) {
  /**
   * Creates the value; {@code corrupt} is copied.
   *
   * @param objects how many content objects were checked
   * @param corrupt keys of corrupt objects
   */
  public VerifyReport {
    corrupt = List.copyOf(corrupt);
  }

  /**
   * Tells whether every content object matched its address.
   *
   * @return {@code true} if nothing is corrupt
   */
  public boolean ok() {
    return corrupt.isEmpty();
  }
}
