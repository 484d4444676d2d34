package dev.mlops.server.ui;

import dev.mlops.api.StorageUnavailableException;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.ForwardingStore;
import dev.mlops.storage.fs.FileSystemObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One store with {@link UiFixture} written, shared by the UI's test classes (writing it takes a
 * few seconds). Its reads can be cut, as when the network to a remote store goes down.
 */
final class UiTestStore {
  private static UiTestStore shared;

  final Path dir;
  final Unreachable store;
  final MlOps mlops;
  final UiFixture fixture;

  private UiTestStore() throws IOException {
    dir = Files.createTempDirectory("mlops-ui-test");
    store = new Unreachable(FileSystemObjectStore.open(dir.resolve("store")));
    mlops = MlOps.builder().store(store).build();
    Path sources = Files.createDirectories(dir.resolve("sources"));
    fixture = UiFixture.write(mlops, sources);
  }

  static synchronized UiTestStore get() {
    if (shared == null) {
      try {
        shared = new UiTestStore();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      UiTestStore store = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        store.mlops.close();
        deleteTree(store.dir);
      }));
    }
    return shared;
  }

  static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind is not worth failing the run over
    }
  }

  /** A real store whose reads fail as an unreachable one's do while {@link #down} is set. */
  static final class Unreachable extends ForwardingStore {
    volatile boolean down;

    Unreachable(FileSystemObjectStore real) {
      super(real);
    }

    private void check() {
      if (down) {
        throw new StorageUnavailableException("connection refused (the test cut the store off)");
      }
    }

    @Override
    public InputStream open(String key) {
      check();
      return super.open(key);
    }

    @Override
    public Optional<StoredBytes> get(String key) {
      check();
      return super.get(key);
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
      check();
      return super.list(prefix);
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
      check();
      return super.stat(key);
    }
  }
}
