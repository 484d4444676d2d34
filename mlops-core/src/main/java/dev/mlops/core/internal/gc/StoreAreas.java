package dev.mlops.core.internal.gc;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The areas a store holds: the first two segments of every key under {@code refs/} and
 * {@code logs/} ({@code refs/datasets/}, {@code logs/runs/}, ...).
 */
final class StoreAreas {
  private StoreAreas() {}

  /**
   * Lists the areas of a store that none of {@code owned} covers.
   *
   * @return the unknown areas, sorted
   */
  static Set<String> unknown(ObjectStore store, Set<String> owned) {
    Set<String> unknown = new TreeSet<>();
    for (String top : new String[] {"refs/", "logs/"}) {
      String last = null;
      try (Stream<ObjectInfo> keys = store.list(top)) {
        for (ObjectInfo info : (Iterable<ObjectInfo>) keys::iterator) {
          if (last != null && info.key().startsWith(last)) {
            continue; // most keys are in the area of the key before them
          }
          last = areaOf(info.key(), top);
          if (!owned.contains(last)) {
            unknown.add(last);
          }
        }
      }
    }
    return unknown;
  }

  private static String areaOf(String key, String top) {
    int slash = key.indexOf('/', top.length());
    return slash < 0 ? key : key.substring(0, slash + 1);
  }
}
