package dev.mlops.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.InvalidNameException;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.VersionToken;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * The invariants every {@link ObjectStore} keeps for any input, as jqwik properties. An
 * implementation's test extends this class and implements {@link #newStore()}; each try runs on a
 * fresh store, closed after the try. Examples live in {@link ObjectStoreContract}; the two are
 * separate classes because jqwik and JUnit Jupiter run different lifecycles.
 */
@PropertyDefaults(tries = 100)
public abstract class ObjectStoreProperties {
  private ObjectStore store;

  /** Creates the properties; subclasses are instantiated by jqwik. */
  protected ObjectStoreProperties() {}

  /**
   * Returns a new, open, empty store. Called before each try; the kit closes it after the try.
   *
   * @return a fresh empty store
   * @throws Exception if the store cannot be created
   */
  protected abstract ObjectStore newStore() throws Exception;

  /**
   * Returns the store of the current try.
   *
   * @return the store under test
   */
  protected final ObjectStore store() {
    return store;
  }

  @BeforeTry
  final void openStore() throws Exception {
    store = newStore();
  }

  @AfterTry
  final void closeStore() {
    store.close();
  }

  @Provide
  Arbitrary<byte[]> contents() {
    return Generators.contents();
  }

  @Provide
  Arbitrary<String> validKeys() {
    return Generators.validKeys();
  }

  @Provide
  Arbitrary<Set<String>> keySets() {
    return Generators.keySets();
  }

  @Provide
  Arbitrary<String> invalidKeys() {
    return Generators.invalidKeys();
  }

  @Provide
  Arbitrary<List<CasModel.Step>> casSteps() {
    return CasModel.steps();
  }

  @Property
  @Label("any content of 0 to 64 KiB round-trips through putIfAbsent, get and open")
  void anyContentRoundTrips(@ForAll("contents") byte[] content) {
    assertTrue(store.putIfAbsent("objects/c", new ByteArrayInputStream(content)));

    ContractGroup.assertContent(store, "objects/c", content);
    assertEquals(content.length, store.stat("objects/c").orElseThrow().size());
  }

  @Property
  @Label("any key that follows the rule round-trips and is listed under itself")
  void anyValidKeyRoundTrips(@ForAll("validKeys") String key) {
    byte[] content = ContractGroup.utf8(key);
    assertTrue(store.putIfAbsent(key, content));

    ContractGroup.assertContent(store, key, content);
    assertEquals(List.of(key), ContractGroup.keys(store, key));
  }

  @Property
  @Label("list returns exactly the stored keys under any prefix, sorted")
  void listReturnsExactlyTheKeysSorted(@ForAll("keySets") Set<String> keys,
      @ForAll @IntRange(min = 0, max = 10_000) int pick) {
    List<String> sorted = keys.stream().sorted().toList();
    for (String key : keys) {
      assertTrue(store.putIfAbsent(key, ContractGroup.utf8(key)));
    }
    String prefix = "";
    if (!sorted.isEmpty()) {
      String from = sorted.get(pick % sorted.size());
      prefix = from.substring(0, pick % (from.length() + 1));
    }
    String p = prefix;

    assertEquals(sorted, ContractGroup.keys(store, ""));
    assertEquals(sorted.stream().filter(k -> k.startsWith(p)).toList(),
        ContractGroup.keys(store, prefix), "prefix '" + prefix + "'");
  }

  @Property
  @Label("any key that breaks the rule is refused and never stored")
  void anyInvalidKeyIsRefused(@ForAll("invalidKeys") String key) {
    byte[] content = {1};

    assertThrows(InvalidNameException.class, () -> store.putIfAbsent(key, content));
    assertThrows(InvalidNameException.class,
        () -> store.compareAndSet(key, VersionToken.ABSENT, content));
    assertThrows(InvalidNameException.class, () -> store.get(key));
    assertThrows(InvalidNameException.class, () -> store.open(key));
    assertThrows(InvalidNameException.class, () -> store.stat(key));
    assertThrows(InvalidNameException.class, () -> store.delete(key));
    assertEquals(List.of(), ContractGroup.keys(store, ""));
  }

  @Property
  @Label("a second putIfAbsent of a key returns false and leaves the first content")
  void putIfAbsentIsIdempotent(@ForAll("validKeys") String key,
      @ForAll("contents") byte[] first, @ForAll("contents") byte[] second) {
    assertTrue(store.putIfAbsent(key, first));
    byte[] firstCopy = first.clone();

    assertFalse(store.putIfAbsent(key, second));
    assertFalse(store.putIfAbsent(key, new ByteArrayInputStream(second)));
    assertArrayEquals(firstCopy, store.get(key).orElseThrow().bytes());
  }

  @Property
  @Label("single-threaded sequences of writes behave like a map")
  void writeSequencesBehaveLikeAMap(@ForAll("casSteps") List<CasModel.Step> steps) {
    new CasModel(store).run(steps);
  }
}
