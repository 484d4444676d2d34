package dev.mlops.api.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.InvalidNameException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectKeysTest {
  @ParameterizedTest
  @ValueSource(strings = {"a", "refs/heads/main", "objects/sha256/ab/ab01", "_x", "a.b-c_d=e/F9"})
  void acceptsKeysOfTheRule(String key) {
    assertEquals(key, ObjectKeys.requireValidKey(key));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/a", "a/", "a//b", "..", "../x", "a/../b", "a/./b", ".hidden",
      "a/.hidden", "a b", "a\\b", "caf\u00e9", "a\u0000b", "a\nb", "-a", "a/=b", "C:/x"})
  void refusesKeysOutsideTheRuleAndSaysWhy(String key) {
    InvalidNameException e = assertThrows(InvalidNameException.class,
        () -> ObjectKeys.requireValidKey(key));
    assertTrue(e.getMessage().startsWith("Invalid object key"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "control characters are escaped in the message");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "refs/", "refs", "objects/sha256/a"})
  void acceptsListingPrefixes(String prefix) {
    assertEquals(prefix, ObjectKeys.requireValidPrefix(prefix));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "refs//", "../", "a/../"})
  void refusesBadPrefixes(String prefix) {
    assertThrows(InvalidNameException.class, () -> ObjectKeys.requireValidPrefix(prefix));
  }

  @org.junit.jupiter.api.Test
  void refusesOverlongKeysAndSegments() {
    String longSegment = "a".repeat(ObjectKeys.MAX_SEGMENT_LENGTH + 1);
    assertThrows(InvalidNameException.class, () -> ObjectKeys.requireValidKey(longSegment));
    String longKey = ("a".repeat(99) + "/").repeat(8) + "a";
    assertTrue(longKey.length() > ObjectKeys.MAX_KEY_LENGTH);
    assertThrows(InvalidNameException.class, () -> ObjectKeys.requireValidKey(longKey));
    assertTrue(ObjectKeys.isValidKey("a".repeat(ObjectKeys.MAX_SEGMENT_LENGTH)));
  }

  @Property(tries = 300)
  void everyValidKeyResolvesInsideItsRoot(@ForAll("anyString") String candidate) {
    if (ObjectKeys.isValidKey(candidate)) {
      java.nio.file.Path root = java.nio.file.Path.of("/store");
      java.nio.file.Path resolved = root.resolve(candidate).normalize();
      assertTrue(resolved.startsWith(root) && !resolved.equals(root), candidate);
      for (String segment : candidate.split("/")) {
        assertFalse(segment.equals(".") || segment.equals("..") || segment.startsWith("."), candidate);
      }
    } else {
      assertThrows(InvalidNameException.class, () -> ObjectKeys.requireValidKey(candidate));
    }
  }

  @Provide
  Arbitrary<String> anyString() {
    return Arbitraries.strings().withChars("ab./_-=\\ \u00e9\u0000").ofMaxLength(12);
  }
}
