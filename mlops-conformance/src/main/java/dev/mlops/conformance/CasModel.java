package dev.mlops.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A map that predicts what a store does under a single-threaded sequence of writes. Every write
 * stores content no earlier write stored, so an old token never matches the current content.
 */
final class CasModel {
  /** Few keys, one nested under another, so that steps collide often. */
  static final List<String> KEYS = List.of("ref", "ref/sub", "zz");

  /** What a step does. */
  enum Op { PUT_IF_ABSENT, CAS_WITH_CURRENT, CAS_WITH_ABSENT, CAS_WITH_STALE, DELETE }

  /** One write to one of {@link #KEYS}. */
  record Step(Op op, int key) {
    @Override
    public String toString() {
      return op + "(" + KEYS.get(key) + ")";
    }
  }

  private record Entry(byte[] content, VersionToken token) {}

  private final ObjectStore store;
  private final Map<String, Entry> current = new TreeMap<>();
  private final Map<String, VersionToken> retired = new HashMap<>();
  private int writes;

  CasModel(ObjectStore store) {
    this.store = store;
  }

  static Arbitrary<List<Step>> steps() {
    return Combinators.combine(Arbitraries.of(Op.class),
            Arbitraries.integers().between(0, KEYS.size() - 1))
        .as(Step::new).list().ofMaxSize(40);
  }

  /** Runs the steps on the store and asserts after each that the store agrees with the model. */
  void run(List<Step> steps) {
    for (Step step : steps) {
      String key = KEYS.get(step.key());
      apply(step.op(), key);
      assertAgrees(key, step);
    }
    List<String> listed;
    try (Stream<ObjectInfo> listing = store.list("")) {
      listed = listing.map(ObjectInfo::key).toList();
    }
    assertEquals(new ArrayList<>(current.keySet()), listed, "list after " + steps);
  }

  private void apply(Op op, String key) {
    byte[] next = ("write " + writes++ + " of " + key).getBytes(StandardCharsets.UTF_8);
    Entry now = current.get(key);
    switch (op) {
      case PUT_IF_ABSENT -> {
        boolean created = store.putIfAbsent(key, next);
        assertEquals(now == null, created, "putIfAbsent(" + key + ")");
        if (created) {
          replace(key, next, store.get(key).orElseThrow().token());
        }
      }
      case CAS_WITH_CURRENT -> cas(key, now == null ? VersionToken.ABSENT : now.token(), next, true);
      case CAS_WITH_ABSENT -> cas(key, VersionToken.ABSENT, next, now == null);
      case CAS_WITH_STALE -> cas(key, retired.getOrDefault(key, VersionToken.of("never-issued")),
          next, false);
      case DELETE -> {
        assertEquals(now != null, store.delete(key), "delete(" + key + ")");
        if (now != null) {
          retired.put(key, now.token());
          current.remove(key);
        }
      }
    }
  }

  private void cas(String key, VersionToken expected, byte[] next, boolean shouldWin) {
    Optional<VersionToken> result = store.compareAndSet(key, expected, next);
    assertEquals(shouldWin, result.isPresent(), "compareAndSet(" + key + ", " + expected + ")");
    result.ifPresent(token -> replace(key, next, token));
  }

  private void replace(String key, byte[] content, VersionToken token) {
    Entry old = current.put(key, new Entry(content, token));
    if (old != null) {
      retired.put(key, old.token());
    }
  }

  private void assertAgrees(String key, Step step) {
    Entry expected = current.get(key);
    Optional<StoredBytes> actual = store.get(key);
    assertEquals(expected != null, actual.isPresent(), "presence of " + key + " after " + step);
    if (expected != null) {
      assertArrayEquals(expected.content(), actual.get().bytes(), key + " after " + step);
      assertEquals(expected.token(), actual.get().token(), "token of " + key + " after " + step);
      assertTrue(store.stat(key).isPresent());
    }
  }
}
