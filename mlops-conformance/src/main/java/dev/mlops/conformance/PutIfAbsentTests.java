package dev.mlops.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Exactly one of any number of writers racing on a key creates it, with its own content. */
abstract class PutIfAbsentTests extends ContractGroup {
  private static final int WRITERS = 16;
  private static final int ROUNDS = 10;

  @Test
  @DisplayName("returns true for the first write and false after, keeping the first content")
  void firstWriteWins() {
    ObjectStore store = store();

    assertTrue(store.putIfAbsent("logs/run/0", utf8("first")));
    assertFalse(store.putIfAbsent("logs/run/0", utf8("second")));
    assertFalse(store.putIfAbsent("logs/run/0", new ByteArrayInputStream(utf8("third"))));

    assertContent(store, "logs/run/0", utf8("first"));
  }

  @Test
  @DisplayName("of 16 threads racing on one key, exactly one wins and its content is stored")
  void exactlyOneRacingWriterWins() throws Exception {
    ObjectStore store = store();
    for (int round = 0; round < ROUNDS; round++) {
      String key = "race/" + round;
      List<Boolean> won = Race.run(WRITERS, i -> () -> i % 2 == 0
          ? store.putIfAbsent(key, contentOf(i))
          : store.putIfAbsent(key, new ByteArrayInputStream(contentOf(i))));

      List<Integer> winners = IntStream.range(0, WRITERS).filter(won::get).boxed().toList();
      assertEquals(1, winners.size(), "winners of " + key + ": " + winners);
      assertContent(store, key, contentOf(winners.get(0)));
    }
  }

  /** Different content, and different sizes, per writer. */
  private static byte[] contentOf(int writer) {
    return utf8("writer " + writer + " " + "#".repeat(writer * 4096));
  }

  @Test
  @DisplayName("the object is not visible while its content is still being read")
  void notVisibleBeforeComplete() {
    ObjectStore store = store();
    boolean[] seenEarly = {false};
    GeneratedContent content =
        new GeneratedContent(4L << 20, 4, () -> seenEarly[0] |= visible(store));
    assertTrue(store.putIfAbsent("objects/slow", content));

    assertFalse(seenEarly[0], "the object was visible before its content was complete");
    assertEquals(4L << 20, store.stat("objects/slow").orElseThrow().size());
  }

  private static boolean visible(ObjectStore store) {
    return store.stat("objects/slow").isPresent() || store.get("objects/slow").isPresent()
        || keys(store, "objects/").contains("objects/slow");
  }

  @Test
  @DisplayName("a content stream that fails leaves no object, and the key stays free")
  void failedStreamLeavesNothing() {
    ObjectStore store = store();

    assertThrows(RuntimeException.class, () -> store.putIfAbsent("objects/broken", failing()));

    assertTrue(store.get("objects/broken").isEmpty());
    assertEquals(List.of(), keys(store, ""));
    assertTrue(store.putIfAbsent("objects/broken", utf8("second try")));
    assertContent(store, "objects/broken", utf8("second try"));
  }

  private static InputStream failing() {
    return new InputStream() {
      private int handedOut;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (handedOut >= 100_000) {
          throw new IOException("the caller's source failed");
        }
        int n = Math.min(len, 1000);
        handedOut += n;
        return n;
      }
    };
  }
}
