package dev.mlops.storage.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.mlops.api.InvalidNameException;
import dev.mlops.api.StorageUnavailableException;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.VersionToken;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keys and links can never make the store touch anything outside its root. */
class FileSystemSafetyTest {
  @TempDir Path dir;
  Path root;
  Path outside;
  FileSystemObjectStore store;

  @BeforeEach
  void open() throws Exception {
    root = dir.resolve("store");
    outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret"), "secret");
    store = FileSystemObjectStore.open(root);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Set<String> outsideFiles() throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> !p.startsWith(root)).map(Path::toString)
          .collect(Collectors.toSet());
    }
  }

  private void assertEveryOperationRefuses(String key,
      Class<? extends RuntimeException> refusal) throws Exception {
    Set<String> before = outsideFiles();
    List<Consumer<String>> operations = List.of(
        k -> store.get(k),
        k -> store.open(k),
        k -> store.stat(k),
        k -> store.putIfAbsent(k, "x".getBytes(UTF_8)),
        k -> store.putIfAbsent(k, new ByteArrayInputStream(new byte[10])),
        k -> store.compareAndSet(k, VersionToken.ABSENT, "x".getBytes(UTF_8)),
        k -> store.compareAndSet(k, VersionToken.of("abc"), "x".getBytes(UTF_8)),
        k -> store.delete(k));
    for (Consumer<String> operation : operations) {
      assertThrows(refusal, () -> operation.accept(key), "key '" + key + "'");
    }
    assertEquals(before, outsideFiles(), "nothing outside the root was created or removed");
    assertEquals("secret", Files.readString(outside.resolve("secret")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../outside/secret", "a/../../outside/secret", "/etc/passwd",
      "..", ".", "a/./b", "a//b", "a/", ".mlops-tmp/x", ".mlops-locks/x", "a\\..\\..\\x",
      "~/x", "C:/x", ""})
  void traversalAndHiddenKeysAreRefusedBeforeAnythingIsTouched(String key) throws Exception {
    assertEveryOperationRefuses(key, InvalidNameException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../", "../outside", "/", "a//", ".mlops-tmp/", ".git"})
  void traversalPrefixesAreRefused(String prefix) {
    assertThrows(InvalidNameException.class, () -> store.list(prefix));
  }

  @ParameterizedTest
  @ValueSource(strings = {"caf\u00e9", "\u65e5\u672c", "a\u0000b", "a\nb", "a\tb", "a b",
      "a\u202eb", "\ud83d\ude00", "a\u007fb", "a/\u00e9/b", "a:b", "a*b", "a?b"})
  void unicodeAndControlCharactersInKeysAreRefused(String key) throws Exception {
    assertEveryOperationRefuses(key, InvalidNameException.class);
    InvalidNameException e = assertThrows(InvalidNameException.class, () -> store.get(key));
    assertFalse(e.getMessage().chars().anyMatch(c -> c < 0x20), "message escapes controls");
  }

  @Test
  void aPlantedDirectorySymlinkIsNotFollowedForReadWriteListOrDelete() throws Exception {
    Files.createSymbolicLink(root.resolve("evil+"), outside);
    Files.createSymbolicLink(root.resolve("evil"), outside);
    store.putIfAbsent("good", new byte[] {1});

    assertEveryOperationRefuses("evil/secret", StorageUnavailableException.class);
    assertEveryOperationRefuses("evil/new/deeper", StorageUnavailableException.class);
    assertFalse(Files.exists(outside.resolve("new")));
    try (Stream<ObjectInfo> all = store.list("");
        Stream<ObjectInfo> below = store.list("evil/");
        Stream<ObjectInfo> named = store.list("evil")) {
      assertEquals(List.of("good"), all.map(ObjectInfo::key).collect(Collectors.toList()));
      assertEquals(0, below.count());
      assertEquals(0, named.count());
    }
  }

  @Test
  void existsAnswersAMissingKeyWithOneStatButRefusesAFileFoundBehindALink() throws Exception {
    Files.createSymbolicLink(root.resolve("evil+"), outside);
    // outside/secret exists: found through the link, so refused, never reported as an object.
    assertThrows(StorageUnavailableException.class, () -> store.exists("evil/secret"));
    // Nothing under the link: no object, and writing it still refuses the link.
    assertFalse(store.exists("evil/missing"));
    assertThrows(StorageUnavailableException.class, () -> store.putIfAbsent("evil/missing", new byte[] {1}));
    assertFalse(Files.exists(outside.resolve("missing")));
  }

  @Test
  void aDanglingFileSymlinkIsNoObjectAndIsNeitherReplacedNorFollowedByAPut() throws Exception {
    Files.createDirectories(root.resolve("refs+"));
    Path link = Files.createSymbolicLink(root.resolve("refs+/head"), outside.resolve("missing"));
    // exists() answers a miss by following the path (no exception per miss on JDK 17): a link to
    // nothing is no object, and the put that follows refuses the link instead of writing through it.
    assertFalse(store.exists("refs/head"));
    StorageUnavailableException e = assertThrows(StorageUnavailableException.class,
        () -> store.putIfAbsent("refs/head", new ByteArrayInputStream(new byte[] {1})));
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    assertFalse(Files.exists(outside.resolve("missing")));
    assertTrue(Files.isSymbolicLink(link), "the link itself is left alone");
    assertEveryOperationRefuses("refs/head", StorageUnavailableException.class);
  }

  @Test
  void aPlantedFileSymlinkIsNotFollowedOrReplaced() throws Exception {
    Files.createDirectories(root.resolve("refs+"));
    Path link = Files.createSymbolicLink(root.resolve("refs+/head"), outside.resolve("secret"));
    assertEveryOperationRefuses("refs/head", StorageUnavailableException.class);
    assertTrue(Files.isSymbolicLink(link), "the link itself is left alone too");
    try (Stream<ObjectInfo> all = store.list("")) {
      assertEquals(0, all.count());
    }
  }

  @Test
  void aSymlinkDeeperInTheStoreIsRefusedToo() throws Exception {
    store.putIfAbsent("a/b/c", new byte[] {1});
    Files.createSymbolicLink(root.resolve("a+/b+/link+"), outside);
    assertEveryOperationRefuses("a/b/link/secret", StorageUnavailableException.class);
    StorageUnavailableException e = assertThrows(StorageUnavailableException.class,
        () -> store.get("a/b/link/secret"));
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    assertTrue(e.getMessage().contains(root.toRealPath().toString()), e.getMessage());
  }

  @Test
  void aStoreRootThatIsAFileIsAClearError() throws Exception {
    Path file = Files.writeString(dir.resolve("plain-file"), "x");
    StorageUnavailableException e = assertThrows(StorageUnavailableException.class,
        () -> FileSystemObjectStore.open(file));
    assertTrue(e.getMessage().contains("is a file, not a directory"), e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertThrows(StorageUnavailableException.class,
        () -> FileSystemObjectStore.open(file.resolve("below")));
    assertEquals("x", Files.readString(file));
  }

  @Test
  void aStoreRootThatIsNotWritableIsAClearError() throws Exception {
    Path readOnly = Files.createDirectories(dir.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeFalse(Files.isWritable(readOnly), "running as root: permissions are not enforced");
      StorageUnavailableException e = assertThrows(StorageUnavailableException.class,
          () -> FileSystemObjectStore.open(readOnly));
      assertTrue(e.getMessage().contains("not writable"), e.getMessage());
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void aStoreRootIsCreatedWithItsParentsAndOwnDirectoriesMustBeDirectories() throws Exception {
    Path deep = dir.resolve("x/y/z");
    FileSystemObjectStore.open(deep).close();
    assertTrue(Files.isDirectory(deep.resolve(".mlops-tmp")));
    Path broken = Files.createDirectories(dir.resolve("broken"));
    Files.writeString(broken.resolve(".mlops-tmp"), "not a directory");
    assertThrows(StorageUnavailableException.class, () -> FileSystemObjectStore.open(broken));
  }

  @Test
  void builderSettingsAreCheckedAndSetOnce() {
    FileSystemObjectStore.Builder builder = FileSystemObjectStore.builder();
    assertThrows(IllegalStateException.class, builder::build);
    assertThrows(IllegalArgumentException.class,
        () -> builder.tempGracePeriod(Duration.ofSeconds(-1)));
    builder.root(dir.resolve("b")).tempGracePeriod(Duration.ZERO);
    assertThrows(IllegalStateException.class, () -> builder.root(dir));
    assertThrows(IllegalStateException.class, () -> builder.tempGracePeriod(Duration.ZERO));
    builder.build().close();
    builder.build().close();
  }
}
