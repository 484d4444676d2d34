package dev.mlops.api.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class StoreUriQueryTest {
  @Test
  void optionsKeepTheirOrderAndDecodeButAPlusStaysAPlus() {
    Map<String, String> options =
        StoreUriQuery.options("region=eu-west-1&prefix=a%20b+c&readOnly", "s3://b/p?...");
    assertEquals(List.of("region", "prefix", "readOnly"), List.copyOf(options.keySet()));
    assertEquals("a b+c", options.get("prefix"));
    assertEquals("", options.get("readOnly"), "an option without '=' has the empty value");
  }

  @Test
  void noQueryIsNoOptions() {
    assertTrue(StoreUriQuery.options(null, "file:///x").isEmpty());
    assertTrue(StoreUriQuery.options("", "file:///x?").isEmpty());
  }

  @Test
  void anOptionGivenTwiceIsRefusedNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StoreUriQuery.options("region=a&region=b", "s3://bucket/p?..."));
    assertEquals("option 'region' appears twice in 's3://bucket/p?...'", e.getMessage());
  }

  @Property
  void decodingUndoesPercentEncodingOfEveryByte(@ForAll String text) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      encoded.append('%').append(String.format("%02X", b & 0xff));
    }
    String wellFormed = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    assertEquals(wellFormed, StoreUriQuery.decode(encoded.toString()));
  }
}
