package dev.mlops.core.internal.experiment;

/**
 * Metric key to dense id, looked up on every {@code log()} call: open addressing over the
 * strings' cached hash codes, comparing by reference first (callers nearly always pass the same
 * constant strings), so a hit costs a few loads instead of a {@code HashMap} probe and unboxing.
 * Not thread-safe; the buffer guards it.
 */
final class KeyIds {
  private String[] keys = new String[32];
  private int[] ids = new int[32];
  private int size;

  /** Returns the id of {@code key}, or -1 if it was never added. */
  int find(String key) {
    String[] table = keys;
    int mask = table.length - 1;
    int i = spread(key.hashCode()) & mask;
    while (true) {
      String candidate = table[i];
      if (candidate == key) {
        return ids[i];
      }
      if (candidate == null) {
        return -1;
      }
      if (candidate.equals(key)) {
        return ids[i];
      }
      i = (i + 1) & mask;
    }
  }

  /** Adds a key that {@link #find} does not know. */
  void add(String key, int id) {
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    insert(keys, ids, key, id);
    size++;
  }

  private void grow() {
    String[] oldKeys = keys;
    int[] oldIds = ids;
    keys = new String[oldKeys.length * 2];
    ids = new int[oldKeys.length * 2];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        insert(keys, ids, oldKeys[i], oldIds[i]);
      }
    }
  }

  private static void insert(String[] table, int[] ids, String key, int id) {
    int mask = table.length - 1;
    int i = spread(key.hashCode()) & mask;
    while (table[i] != null) {
      i = (i + 1) & mask;
    }
    table[i] = key;
    ids[i] = id;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }
}
