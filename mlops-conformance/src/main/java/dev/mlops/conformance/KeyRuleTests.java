package dev.mlops.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Named.named;

import dev.mlops.api.InvalidNameException;
import dev.mlops.api.storage.ObjectKeys;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.VersionToken;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every operation checks keys against {@link ObjectKeys} first, and a bad key writes nothing. */
abstract class KeyRuleTests extends ContractGroup {

  static Stream<Named<String>> invalidKeys() {
    return Stream.of(
        named("empty", ""),
        named("leading slash '/x'", "/x"),
        named("doubled slash 'a//b'", "a//b"),
        named("parent segment '../x'", "../x"),
        named("inner parent segment 'a/../b'", "a/../b"),
        named("current segment 'a/./b'", "a/./b"),
        named("hidden '.hidden'", ".hidden"),
        named("hidden segment 'a/.tmp'", "a/.tmp"),
        named("trailing slash 'a/'", "a/"),
        named("unicode 'caf\u00e9'", "caf\u00e9"),
        named("cyrillic look-alike 'a\u0430'", "a\u0430"),
        named("NUL character", "a\u0000b"),
        named("newline", "a\nb"),
        named("DEL character", "a\u007fb"),
        named("backslash 'a\\b'", "a\\b"),
        named("Windows parent '..\\x'", "..\\x"),
        named("space 'a b'", "a b"),
        named("colon 'c:x'", "c:x"),
        named("key too long", "k/".repeat(384) + "k"),
        named("segment too long", "s".repeat(ObjectKeys.MAX_SEGMENT_LENGTH + 1)));
  }

  static Stream<Named<String>> validEdgeKeys() {
    String segment = "s".repeat(ObjectKeys.MAX_SEGMENT_LENGTH);
    String longest = segment + "/" + segment + "/" + segment + "/"
        + "t".repeat(ObjectKeys.MAX_KEY_LENGTH - 3 * ObjectKeys.MAX_SEGMENT_LENGTH - 3);
    return Stream.of(
        named("one character 'a'", "a"),
        named("underscore start '_x'", "_x"),
        named("every allowed character", "AZaz09_-.=/_z.-="),
        named("dots inside 'a..b/c.'", "a..b/c."),
        named("longest segment", segment),
        named("longest key", longest));
  }

  static Stream<Named<String>> invalidPrefixes() {
    return Stream.of(
        named("leading slash '/a'", "/a"),
        named("doubled slash 'a//'", "a//"),
        named("parent '../'", "../"),
        named("hidden segment 'a/.x'", "a/.x"),
        named("space 'a '", "a "),
        named("unicode '\u00e9'", "\u00e9"),
        named("lone slash '/'", "/"));
  }

  @ParameterizedTest(name = "refuses {0}")
  @MethodSource("dev.mlops.conformance.KeyRuleTests#invalidKeys")
  @DisplayName("an invalid key is refused by every operation, and nothing is written")
  void invalidKeyIsRefusedByEveryOperationAndNothingIsWritten(String key) {
    ObjectStore store = store();
    byte[] content = utf8("x");

    assertThrows(InvalidNameException.class, () -> store.putIfAbsent(key, content));
    assertThrows(InvalidNameException.class,
        () -> store.putIfAbsent(key, new ByteArrayInputStream(content)));
    assertThrows(InvalidNameException.class,
        () -> store.compareAndSet(key, VersionToken.ABSENT, content));
    assertThrows(InvalidNameException.class,
        () -> store.compareAndSetOrThrow(key, VersionToken.ABSENT, content));
    assertThrows(InvalidNameException.class, () -> store.get(key));
    assertThrows(InvalidNameException.class, () -> store.open(key));
    assertThrows(InvalidNameException.class, () -> store.stat(key));
    assertThrows(InvalidNameException.class, () -> store.delete(key));

    assertEquals(List.of(), keys(store, ""), "nothing was written");
  }

  @ParameterizedTest(name = "accepts {0}")
  @MethodSource("dev.mlops.conformance.KeyRuleTests#validEdgeKeys")
  @DisplayName("a valid key at the edge of the rule round trips")
  void validKeyAtTheEdgeOfTheRuleRoundTrips(String key) {
    assertTrue(store().putIfAbsent(key, utf8(key)));

    assertContent(store(), key, utf8(key));
    assertEquals(List.of(key), keys(store(), key));
    assertTrue(store().delete(key));
  }

  @ParameterizedTest(name = "refuses {0}")
  @MethodSource("dev.mlops.conformance.KeyRuleTests#invalidPrefixes")
  @DisplayName("an invalid prefix is refused by list")
  void invalidPrefixIsRefusedByList(String prefix) {
    assertThrows(InvalidNameException.class, () -> keys(store(), prefix));
  }
}
