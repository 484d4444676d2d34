package dev.mlops.conformance;

import dev.mlops.api.storage.ObjectKeys;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** The jqwik generators of {@link ObjectStoreProperties}: keys on both sides of the rule, content. */
final class Generators {
  private static final String FIRST_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";
  private static final String SEGMENT_CHARS = FIRST_CHARS + "-.=";
  /** Characters and fragments that a key must not contain, or not where they get inserted. */
  private static final String[] BREAKERS = {
      "/", "//", ".", "..", "/..", "/.", " ", "\\", "\u00e9", "\u0000", "\n", "\t", ":", "*",
      "?", "~", "\u2028", "\ud83d\ude00", "%2F"};

  private Generators() {}

  /** Keys that follow the rule: 1 to 4 segments of 1 to 24 allowed characters. */
  static Arbitrary<String> validKeys() {
    Arbitrary<String> segment = Combinators.combine(
            Arbitraries.strings().withChars(FIRST_CHARS).ofLength(1),
            Arbitraries.strings().withChars(SEGMENT_CHARS).ofMaxLength(23))
        .as(String::concat);
    return segment.list().ofMinSize(1).ofMaxSize(4).map(s -> String.join("/", s));
  }

  /**
   * Keys drawn from few segments, so that sets of them share prefixes and cross the sort order
   * of '-', '.', '/' and '0'.
   */
  static Arbitrary<String> crowdedKeys() {
    return Arbitraries.of("a", "b", "ab", "a-b", "a.b", "a0", "A", "_1", "a=")
        .list().ofMinSize(1).ofMaxSize(3).map(s -> String.join("/", s));
  }

  /** Key sets mixing crowded and arbitrary valid keys. */
  static Arbitrary<Set<String>> keySets() {
    return Arbitraries.oneOf(crowdedKeys(), validKeys()).set().ofMaxSize(20);
  }

  /** Strings that break the rule: random text, or a valid key with a breaker inserted. */
  static Arbitrary<String> invalidKeys() {
    Arbitrary<String> text = Arbitraries.strings()
        .withChars(SEGMENT_CHARS + "/ \\\u00e9\u0000\n:").ofMaxLength(30);
    Arbitrary<String> broken = Combinators.combine(validKeys(), Arbitraries.of(BREAKERS),
            Arbitraries.integers().between(0, 100))
        .as((key, breaker, at) -> {
          int i = at * key.length() / 100;
          return key.substring(0, i) + breaker + key.substring(i);
        });
    Arbitrary<String> tooLong = validKeys().map(k -> k + "/x".repeat(ObjectKeys.MAX_KEY_LENGTH));
    return Arbitraries.frequencyOf(Tuple.of(4, text), Tuple.of(5, broken), Tuple.of(1, tooLong))
        .filter(k -> !ObjectKeys.isValidKey(k));
  }

  /** Content of 0 to 64 KiB: small arrays of arbitrary bytes, or larger pseudo-random ones. */
  static Arbitrary<byte[]> contents() {
    Arbitrary<byte[]> small = Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
    Arbitrary<byte[]> large = Combinators.combine(
            Arbitraries.integers().between(0, 64 * 1024), Arbitraries.longs())
        .as((size, seed) -> {
          byte[] bytes = new byte[size];
          new Random(seed).nextBytes(bytes);
          return bytes;
        });
    return Arbitraries.oneOf(small, large);
  }
}
