package dev.mlops.core;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Map;

/**
 * A summary of what a store holds, as {@code mlops store info} prints it.
 *
 * @param uri the store's URI
 * @param objects the number of objects
 * @param bytes the total size of all objects
 * @param areas object counts by top-level area ({@code objects}, {@code refs}, {@code logs}, ...)
 */
public record StoreInfo(URI uri, long objects, long bytes, Map<String, Long> areas) {
  /**
   * Creates the value; {@code areas} is copied.
   *
   * @param uri the store's URI
   * @param objects the number of objects
   * @param bytes the total size
   * @param areas counts by area
   */
  public StoreInfo {
    requireNonNull(uri, "uri");
    areas = Map.copyOf(areas);
  }
}
