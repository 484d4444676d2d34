package dev.mlops.core.internal.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.IntegrityException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The seal on a document: readable with cat, and no flipped bit or cut goes unnoticed. */
class DocumentSealTest {
  private static final List<byte[]> BODIES = List.of(new byte[0],
      utf8("{\"createdAt\":\"2026-03-01T10:00:00Z\"}"),
      utf8("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
      utf8("{\n  \"format\" : 1,\n  \"status\" : \"RUNNING\",\n  \"params\" : { }\n}"));

  @Test
  @DisplayName("a sealed document is one line of header, then the body as written")
  void sealedDocumentsReadWithCat() {
    byte[] body = utf8("{\"createdAt\":\"2026-03-01T10:00:00Z\"}");
    String sealed = new String(DocumentSeal.seal(body), StandardCharsets.US_ASCII);

    assertTrue(sealed.matches("mlops-doc crc32c=[0-9a-f]{8} length=36\n\\{\"createdAt.*"), sealed);
    DocumentSeal.Opened opened = DocumentSeal.open("refs/x", utf8(sealed));
    assertTrue(opened.sealed());
    assertArrayEquals(body, opened.body());
  }

  @Test
  @DisplayName("every single flipped bit of a sealed document, header or body, is an integrity error")
  void everyFlippedBitIsFound() {
    for (byte[] body : BODIES) {
      byte[] sealed = DocumentSeal.seal(body);
      for (int bit = 0; bit < sealed.length * 8; bit++) {
        byte[] damaged = sealed.clone();
        damaged[bit / 8] ^= (byte) (1 << (bit % 8));
        int at = bit;
        IntegrityException e = assertThrows(IntegrityException.class,
            () -> DocumentSeal.open("refs/datasets/d/heads/main", damaged), () -> "bit " + at);
        assertTrue(e.getMessage().contains("'refs/datasets/d/heads/main'"), e.getMessage());
      }
    }
  }

  @Test
  @DisplayName("every cut-off sealed document, down to an empty file, is an integrity error")
  void everyCutIsFound() {
    for (byte[] body : BODIES) {
      byte[] sealed = DocumentSeal.seal(body);
      for (int length = 0; length < sealed.length; length++) {
        byte[] cut = Arrays.copyOf(sealed, length);
        assertThrows(IntegrityException.class, () -> DocumentSeal.open("logs/x/1", cut),
            () -> "cut to " + cut.length);
      }
    }
  }

  @Test
  @DisplayName("a document written before seals reads as it is, marked unsealed")
  void documentsFromBeforeSealsReadAsTheyAre() {
    for (byte[] body : BODIES.subList(1, BODIES.size())) {
      DocumentSeal.Opened opened = DocumentSeal.open("refs/x", body);
      assertFalse(opened.sealed());
      assertArrayEquals(body, opened.body());
    }
  }

  @Test
  @DisplayName("a body that is itself sealed-looking text is sealed and read back unchanged")
  void aBodyThatLooksSealedRoundTrips() {
    byte[] body = DocumentSeal.seal(utf8("inner"));
    assertArrayEquals(body, DocumentSeal.unseal("refs/x", DocumentSeal.seal(body)));
    assertEquals("inner", new String(DocumentSeal.unseal("refs/x", body), StandardCharsets.UTF_8));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
