package dev.mlops.storage.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StorageProvider;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemStorageProviderTest {
  @TempDir Path dir;

  private static StorageProvider fileProvider() {
    List<StorageProvider> providers = ServiceLoader.load(StorageProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.schemes().contains("file"))
        .collect(Collectors.toList());
    assertEquals(1, providers.size(), "one provider for file: " + providers);
    return providers.get(0);
  }

  @Test
  void serviceLoaderFindsTheProviderForFileUris() throws Exception {
    StorageProvider provider = fileProvider();
    Path root = dir.resolve("a b+c"); // needs escaping in a URI
    try (ObjectStore store = provider.open(root.toUri())) {
      store.putIfAbsent("k", new byte[] {1});
      assertEquals(root.toRealPath().toUri(), store.uri());
    }
    assertTrue(Files.exists(root.resolve("k")));
  }

  @Test
  void theTempGracePeriodOptionIsApplied() throws Exception {
    Path root = dir.resolve("s");
    FileSystemObjectStore.open(root).close();
    Path stale = Files.writeString(root.resolve(".mlops-tmp/1-stale.tmp"), "x");
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofMinutes(10))));
    fileProvider().open(URI.create(root.toUri() + "?tempGracePeriod=PT1H")).close();
    assertTrue(Files.exists(stale), "younger than the grace period: kept");
    fileProvider().open(URI.create(root.toUri() + "?tempGracePeriod=PT5M")).close();
    assertTrue(Files.notExists(stale), "older than the grace period: removed");
  }

  @Test
  void badUrisAreIllegalArguments() {
    StorageProvider provider = fileProvider();
    String base = dir.toUri().toString();
    assertThrows(IllegalArgumentException.class, () -> provider.open(URI.create("s3://b/k")));
    assertThrows(IllegalArgumentException.class,
        () -> provider.open(URI.create(base + "?unknown=1")));
    assertThrows(IllegalArgumentException.class,
        () -> provider.open(URI.create(base + "?tempGracePeriod=soon")));
    assertThrows(IllegalArgumentException.class,
        () -> provider.open(URI.create("file://otherhost/data")));
    assertThrows(IllegalArgumentException.class, () -> provider.open(URI.create(base + "#x")));
  }
}
