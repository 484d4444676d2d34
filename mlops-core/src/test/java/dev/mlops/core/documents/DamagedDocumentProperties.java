package dev.mlops.core.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.IntegrityException;
import dev.mlops.core.MlOps;
import dev.mlops.core.documents.EveryDocument.Kind;
import dev.mlops.core.internal.storage.DocumentSeal;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * For every kind of document the SDK stores, a single flipped bit anywhere in it, or a cut at any
 * length down to an empty file, is found when the public API reads it: an {@link
 * IntegrityException} naming the document, never a different value and never another exception.
 */
class DamagedDocumentProperties {
  private static final InMemoryObjectStore STORE = InMemoryObjectStore.create();
  private static final EveryDocument DOCS = EveryDocument.write(STORE, tempDir());

  @Example
  void theFixtureHoldsEveryKindOfDocumentSealedAndEachReads() {
    assertEquals(List.of(), DOCS.unnamedDocuments(STORE), "a document kind without a reader here");
    assertTrue(DOCS.kinds.size() >= 13, DOCS.kinds.toString());
    try (MlOps mlops = MlOps.builder().store(STORE).build()) {
      for (Kind kind : DOCS.kinds) {
        assertTrue(DocumentSeal.open(kind.key(), STORE.get(kind.key()).orElseThrow().bytes()).sealed(),
            kind.name());
        kind.read().accept(mlops);
      }
    }
  }

  @Property(tries = 700)
  void aFlippedBitIsAnIntegrityErrorOnRead(@ForAll("kinds") Kind kind,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position) {
    byte[] original = STORE.get(kind.key()).orElseThrow().bytes();
    byte[] damaged = original.clone();
    int bit = position % (damaged.length * 8);
    damaged[bit / 8] ^= (byte) (1 << (bit % 8));
    assertReadFails(kind, original, damaged);
  }

  @Property(tries = 300)
  void aCutIsAnIntegrityErrorOnRead(@ForAll("kinds") Kind kind,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position) {
    byte[] original = STORE.get(kind.key()).orElseThrow().bytes();
    assertReadFails(kind, original, Arrays.copyOf(original, position % original.length));
  }

  @Provide
  Arbitrary<Kind> kinds() {
    return Arbitraries.of(DOCS.kinds);
  }

  private static void assertReadFails(Kind kind, byte[] original, byte[] damaged) {
    replace(kind.key(), damaged);
    try (MlOps mlops = MlOps.builder().store(STORE).build()) {
      IntegrityException e = assertThrows(IntegrityException.class, () -> kind.read().accept(mlops),
          kind.name());
      assertTrue(e.getMessage().contains(kind.key()), e.getMessage());
    } finally {
      replace(kind.key(), original);
    }
  }

  private static void replace(String key, byte[] bytes) {
    STORE.delete(key);
    STORE.putIfAbsent(key, bytes);
  }

  private static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("every-document");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
