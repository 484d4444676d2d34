package dev.mlops.storage.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.storage.ObjectInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Listing equals sorting the full keys with {@link String#compareTo}, for keys drawn from an
 * alphabet where the characters around {@code '/'} ({@code '-' '.' '/' '0' '='}) collide a lot.
 */
class ListingOrderPropertiesTest {
  private static Path base;
  private static int stores;

  @BeforeContainer
  static void createBase() throws Exception {
    base = Files.createTempDirectory("listing-order");
  }

  @AfterContainer
  static void deleteBase() throws Exception {
    try (Stream<Path> files = Files.walk(base)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Provide
  Arbitrary<String> keys() {
    Arbitrary<String> segment = Arbitraries.strings().withChars("a-.0=_").ofMinLength(0)
        .ofMaxLength(3).map(s -> "a" + s);
    return segment.list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join("/", parts));
  }

  @Provide
  Arbitrary<String> prefixes() {
    return Arbitraries.oneOf(Arbitraries.just(""), keys(), keys().map(k -> k + "/"),
        keys().map(k -> k.substring(0, k.length() - 1)).filter(k -> !k.isEmpty()
            && !k.endsWith("/")));
  }

  @Property(tries = 60)
  void listingReturnsExactlyTheMatchingKeysInStringOrder(
      @ForAll("keySets") Set<String> keys, @ForAll("prefixes") String prefix) {
    TreeSet<String> stored = new TreeSet<>(keys);
    try (FileSystemObjectStore store = FileSystemObjectStore.open(base.resolve("s" + stores++))) {
      for (String key : stored) {
        store.putIfAbsent(key, key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      List<String> expected = stored.stream().filter(k -> k.startsWith(prefix))
          .collect(Collectors.toList());
      try (Stream<ObjectInfo> listed = store.list(prefix)) {
        assertEquals(expected, listed.map(ObjectInfo::key).collect(Collectors.toList()));
      }
    }
  }

  @Provide
  Arbitrary<Set<String>> keySets() {
    return keys().set().ofMinSize(1).ofMaxSize(25);
  }
}
