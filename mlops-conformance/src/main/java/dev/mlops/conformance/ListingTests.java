package dev.mlops.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** list returns exactly the keys under a prefix, sorted, lazily, and must be closed. */
abstract class ListingTests extends ContractGroup {

  private void putAll(List<String> keys) {
    List<String> shuffled = new ArrayList<>(keys);
    Collections.shuffle(shuffled, new Random(42));
    for (String key : shuffled) {
      assertTrue(store().putIfAbsent(key, utf8(key)), key);
    }
  }

  @Test
  @DisplayName("lists every object sorted by String.compareTo, '/' included")
  void listsSortedByKey() {
    // '-' < '.' < '/' < '0' < '=' < 'B' < '_' < 'b': a walk of a directory tree gets this wrong
    List<String> sorted = List.of("a-b", "a.b", "a/b", "a/b/c", "a0", "a=b", "aB", "a_b", "ab",
        "b");
    putAll(sorted);

    assertEquals(sorted, keys(store(), ""));
  }

  @Test
  @DisplayName("a prefix ending in '/' lists one folder; without '/' it is a plain string prefix")
  void prefixesSelectByString() {
    putAll(List.of("a-b", "a/x", "a/y/z", "ab-1", "abc/d", "b/a/x"));

    assertEquals(List.of("a/x", "a/y/z"), keys(store(), "a/"));
    assertEquals(List.of("ab-1", "abc/d"), keys(store(), "ab"));
    assertEquals(List.of("a-b", "a/x", "a/y/z", "ab-1", "abc/d"), keys(store(), "a"));
    assertEquals(List.of("a/y/z"), keys(store(), "a/y"));
    assertEquals(List.of("a/y/z"), keys(store(), "a/y/z"));
  }

  @Test
  @DisplayName("an empty prefix lists everything; a prefix nothing starts with lists nothing")
  void emptyAndUnmatchedPrefixes() {
    assertEquals(List.of(), keys(store(), ""), "a new store is empty");
    putAll(List.of("x/1", "x/2"));

    assertEquals(List.of("x/1", "x/2"), keys(store(), ""));
    assertEquals(List.of(), keys(store(), "y"));
    assertEquals(List.of(), keys(store(), "x/1/"));
    assertEquals(List.of(), keys(store(), "x/3"));
  }

  @Test
  @DisplayName("a key may name an object and also begin other keys (the namespace is flat)")
  void keyCanAlsoBeAFolder() {
    putAll(List.of("run", "run/1", "run/1/metrics"));

    assertEquals(List.of("run", "run/1", "run/1/metrics"), keys(store(), "run"));
    assertEquals(List.of("run/1", "run/1/metrics"), keys(store(), "run/"));
    assertContent(store(), "run", utf8("run"));
    assertContent(store(), "run/1", utf8("run/1"));
  }

  @Test
  @DisplayName("each listed object carries the size that get reports, and its token if any")
  void listedInfoMatchesGet() {
    putAll(List.of("refs/a", "refs/bb", "refs/ccc"));

    try (Stream<ObjectInfo> listing = store().list("refs/")) {
      for (ObjectInfo info : listing.toList()) {
        StoredBytes got = store().get(info.key()).orElseThrow();
        assertEquals(got.size(), info.size(), info.key());
        info.token().ifPresent(token -> assertEquals(got.token(), token, info.key()));
      }
    }
  }

  @Test
  @DisplayName("more objects than one S3 page (1,000) come back complete and sorted")
  void listsPastOnePage() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 1_001; i++) {
      keys.add("logs/" + Integer.toString(i * 7919 % 1_001, 36) + "/" + i % 3);
    }
    Collections.sort(keys);
    putAll(keys);

    assertEquals(keys, keys(store(), "logs/"));
  }

  @Test
  @DisplayName("partially consumed listings and streams can be closed without leaking files")
  void closingPartialListingsReleasesResources() throws Exception {
    ObjectStore store = store();
    putAll(List.of("d/1", "d/2", "d/3", "e/1"));
    long before = ResourceProbe.openFileDescriptors();
    assumeTrue(before >= 0, "this JVM does not report open file descriptors");

    for (int i = 0; i < 300; i++) {
      try (Stream<ObjectInfo> listing = store.list("d/")) {
        Iterator<ObjectInfo> it = listing.iterator();
        assertEquals("d/1", it.next().key());
      }
      try (var in = store.open("d/2")) {
        assertEquals('d', in.read());
      }
    }

    long after = ResourceProbe.openFileDescriptors();
    assertTrue(after - before < 100, "open file descriptors grew from " + before + " to " + after);
    assertEquals(List.of("d/1", "d/2", "d/3", "e/1"), keys(store, ""));
  }
}
