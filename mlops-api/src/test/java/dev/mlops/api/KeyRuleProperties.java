package dev.mlops.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/**
 * The key rule's promise, checked against the JDK's own path arithmetic rather than against the
 * rule's code: a valid key, read as a relative path, is already normal (it names no other key, as
 * MLflow's {@code normpath(name) == name} demands) and never leaves the directory it is put under.
 */
class KeyRuleProperties {
  @Property(tries = 2000)
  void aValidKeyIsANormalPathThatStaysBelowItsDirectory(
      @ForAll @StringLength(min = 1, max = 12) @Chars({'a', 'B', '.', '/', ' ', '_', '-', '\\', ':'}) String key) {
    if (!Names.isValidKey(key)) {
      return;
    }
    Path base = Path.of("/store/run");
    Path resolved = base.resolve(key).normalize();
    assertTrue(resolved.startsWith(base) && !resolved.equals(base), key + " -> " + resolved);
    assertEquals(key, Path.of(key).normalize().toString(), key);
  }
}
