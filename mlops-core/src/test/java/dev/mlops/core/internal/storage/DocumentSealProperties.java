package dev.mlops.core.internal.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlops.api.IntegrityException;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** For any body: sealing round-trips, and any flipped bit or cut is an integrity error. */
class DocumentSealProperties {
  @Property
  void sealedBodiesReadBack(@ForAll @Size(max = 2_000) byte[] body) {
    assertArrayEquals(body, DocumentSeal.unseal("refs/k", DocumentSeal.seal(body)));
  }

  @Property(tries = 2_000)
  void aFlippedBitIsAnIntegrityError(@ForAll @Size(max = 300) byte[] body,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position) {
    byte[] sealed = DocumentSeal.seal(body);
    int bit = position % (sealed.length * 8);
    sealed[bit / 8] ^= (byte) (1 << (bit % 8));
    assertThrows(IntegrityException.class, () -> DocumentSeal.open("refs/k", sealed));
  }

  @Property(tries = 2_000)
  void aCutIsAnIntegrityError(@ForAll @Size(max = 300) byte[] body,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position) {
    byte[] sealed = DocumentSeal.seal(body);
    byte[] cut = Arrays.copyOf(sealed, position % sealed.length);
    assertThrows(IntegrityException.class, () -> DocumentSeal.open("refs/k", cut));
  }
}
