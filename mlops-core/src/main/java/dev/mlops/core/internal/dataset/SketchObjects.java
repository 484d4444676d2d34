package dev.mlops.core.internal.dataset;

import dev.mlops.api.IntegrityException;

/** What store verification needs to know of stored table sketches: where, and whether intact. */
public final class SketchObjects {
  /**
   * Every table's sketches lie under this prefix, at {@code <sha256 of the table>}; so do the
   * per-block profiles of CSV tables, a cache, under {@code csv-blocks/} and {@code csv-tables/}.
   */
  public static final String PREFIX = TableSketches.PREFIX;

  private SketchObjects() {}

  /**
   * Checks a sketch object: the table hash in its header matches its key, and its checksum and
   * sketches read.
   *
   * @param key the object's key, under {@link #PREFIX}
   * @param data the whole object
   * @throws IntegrityException if it is damaged or belongs to another table
   */
  public static void verify(String key, byte[] data) {
    if (key.startsWith(CsvBlock.PREFIX) || key.startsWith(CsvBlock.TABLES)) {
      CsvBlock.verify(key, data);
      return;
    }
    TableSketches.verify(key, data);
  }
}
