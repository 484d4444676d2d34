package dev.mlops.core.internal.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.ConflictException;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.core.testing.InterceptingStore;
import dev.mlops.storage.fs.FileSystemObjectStore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A file stored whole is hashed, then streamed into the store; if it changes in between (or while
 * the store reads it), the put is refused before the store publishes, so nothing ever lies under
 * an address with other bytes. Real files on a real file system store; the store only lets the
 * test change the file at the chosen moment.
 */
class VerifyBeforePublishTest {
  private static final byte[] ORIGINAL = ChunkerProperties.random(5, 300_000);

  @TempDir Path dir;
  private Path source;
  private InterceptingStore store;
  private ContentStore content;

  @BeforeEach
  void open() throws IOException {
    source = Files.write(dir.resolve("model.bin"), ORIGINAL);
    store = new InterceptingStore(FileSystemObjectStore.open(dir.resolve("store")));
    content = new ContentStore(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @ParameterizedTest(name = "changed to {0} bytes")
  @ValueSource(ints = {300_000, 300_001, 299_999, 0})
  @DisplayName("a file that changes between hashing and storing is refused and leaves nothing in the store")
  void aFileChangedBeforeItIsStreamedIsRefused(int newLength) throws Exception {
    byte[] changed = ChunkerProperties.random(6, newLength);
    store.interceptNext(key -> key.startsWith(ContentKeys.PREFIX), (key, in, real) -> {
      Files.write(source, changed); // same inode: the stream already opened reads the new bytes
      return real.putIfAbsent(key, in);
    });

    ConflictException e = assertThrows(ConflictException.class, () -> putFile(source));

    assertTrue(e.getMessage().contains(source.toString()), e.getMessage());
    assertNothingStored();
    assertEquals(ORIGINAL.length, putFile(Files.write(dir.resolve("again.bin"), ORIGINAL)).size(),
        "the same content stores normally afterwards");
    assertArrayEquals(ORIGINAL, content.read(Sha256.hex(ORIGINAL), ORIGINAL.length, subject()));
  }

  @ParameterizedTest(name = "after {0} bytes")
  @ValueSource(ints = {1, 65_536, 299_999})
  @DisplayName("a file that changes while the store reads it is refused before the put completes")
  void aFileChangedWhileTheStoreReadsItIsRefused(int readFirst) throws IOException {
    store.interceptNext(key -> key.startsWith(ContentKeys.PREFIX),
        (key, in, real) -> real.putIfAbsent(key, changingAfter(in, readFirst)));

    assertThrows(ConflictException.class, () -> putFile(source));

    assertNothingStored();
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 1, 300_000})
  @DisplayName("an unchanged file is stored once under its address, byte for byte")
  void anUnchangedFileIsStoredOnce(int length) throws IOException {
    byte[] bytes = Arrays.copyOf(ORIGINAL, length);
    Files.write(source, bytes);
    ChunkRef first = putFile(source);
    ChunkRef second = putFile(source);
    assertEquals(new ChunkRef(Sha256.hex(bytes), length), first);
    assertEquals(first, second);
    assertEquals(List.of(first.key()), objectKeys());
    assertArrayEquals(bytes, content.read(first, subject()));
  }

  /** Streams {@code in}, rewriting the source file once {@code after} bytes were read. */
  private InputStream changingAfter(InputStream in, int after) {
    return new FilterInputStream(in) {
      private long read;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        boolean before = read < after;
        int n = super.read(b, off, before ? (int) Math.min(len, after - read) : len);
        if (before && n > 0 && (read += n) >= after) {
          byte[] changed = ORIGINAL.clone();
          changed[changed.length - 1] ^= 1; // only the last byte differs: caught by the hash
          Files.write(source, changed);
        }
        return n;
      }
    };
  }

  private ChunkRef putFile(Path file) {
    try (ContentWrite write = content.beginWrite("test")) {
      return write.putFile(file);
    }
  }

  private void assertNothingStored() throws IOException {
    assertEquals(List.of(), objectKeys(), "no object under any address");
    Path temp = dir.resolve("store/.mlops-tmp");
    if (Files.exists(temp)) {
      try (Stream<Path> left = Files.list(temp)) {
        assertEquals(List.of(), left.toList(), "no temporary file left behind");
      }
    }
  }

  private List<String> objectKeys() {
    try (Stream<ObjectInfo> objects = store.list("objects/")) {
      return objects.map(ObjectInfo::key).toList();
    }
  }

  private static Subject subject() {
    return new Subject("the test file", "store it again");
  }
}
