package dev.mlops.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.ConflictException;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.content.ChunkerProperties;
import dev.mlops.core.internal.content.ContentKeys;
import dev.mlops.core.internal.content.Sha256;
import dev.mlops.core.testing.InterceptingStore;
import dev.mlops.storage.fs.FileSystemObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry artifact race: a registration whose file changes while it is stored must never
 * take away the content of a concurrent registration of the same bytes. The registry used to
 * publish the changed bytes under the old address and delete them afterwards, so the other
 * registration, which found the address taken, ended up pointing at a deleted object. Content is
 * now verified before it is published, so nothing is ever deleted after publishing.
 */
class ArtifactRaceTest {
  private static final byte[] WEIGHTS = ChunkerProperties.random(17, 200_000);

  @TempDir Path dir;
  private RegistryFixture fx;

  @AfterEach
  void close() {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  @DisplayName("a file changed during registration publishes nothing; the other registration of its bytes reads back")
  void aChangedFileNeverTakesAwayAnotherRegistrationsContent() throws IOException {
    InterceptingStore store = new InterceptingStore(FileSystemObjectStore.open(dir.resolve("store")));
    fx = new RegistryFixture(store, dir);
    Path changing = Files.write(dir.resolve("first.bin"), WEIGHTS);
    Path stable = Files.write(dir.resolve("second.bin"), WEIGHTS);
    AtomicReference<ModelVersion> second = new AtomicReference<>();
    // The interleaving that threads hit by chance, every time: while the first registration
    // streams its file (already hashed), the file changes and a second registration of the
    // original bytes runs to its end.
    store.interceptNext(key -> key.startsWith(ContentKeys.PREFIX), (key, content, real) -> {
      Files.write(changing, changed(WEIGHTS));
      try {
        return real.putIfAbsent(key, content);
      } finally {
        second.set(register("second", stable));
      }
    });

    assertThrows(ConflictException.class, () -> register("first", changing));

    assertEquals(1, second.get().version());
    Path out = fx.registry.checkout("second/1", dir.resolve("out.bin"));
    assertArrayEquals(WEIGHTS, Files.readAllBytes(out), "the second registration's bytes are there");
    assertEquals(List.of(), keys(store, "refs/models/first/"), "the failed registration left no version");
    assertEveryObjectMatchesItsAddress(store);
  }

  @Test
  @DisplayName("registrations racing a file that keeps changing: every registered version reads back verified")
  void registrationsRacingAChangingFile() throws Exception {
    ObjectStore store = FileSystemObjectStore.open(dir.resolve("store"));
    fx = new RegistryFixture(store, dir);
    Path changing = Files.write(dir.resolve("changing.bin"), WEIGHTS);
    Path stable = Files.write(dir.resolve("stable.bin"), WEIGHTS);
    byte[] other = changed(WEIGHTS);
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      Future<?> writer = threads.submit(() -> {
        for (int i = 0; !done.get(); i++) {
          Files.write(changing, i % 2 == 0 ? other : WEIGHTS);
        }
        return null;
      });
      Future<Integer> fromChanging = threads.submit(() -> registerRepeatedly("changing", changing));
      Future<Integer> fromStable = threads.submit(() -> registerRepeatedly("stable", stable));
      int registered = fromChanging.get() + fromStable.get();
      done.set(true);
      writer.get();
      assertTrue(registered >= 25, "every stable registration succeeds: " + registered);
    } finally {
      done.set(true);
      threads.shutdownNow();
    }
    for (String model : List.of("changing", "stable")) {
      for (ModelVersion version : fx.registry.versions(model)) {
        Path out = dir.resolve("out-" + model + "-" + version.version());
        fx.registry.checkout(version.toString(), out); // verifies against the recorded hash
        assertEquals(version.artifactSize(), Files.size(out));
      }
    }
    for (ModelVersion version : fx.registry.versions("stable")) {
      assertArrayEquals(WEIGHTS, Files.readAllBytes(dir.resolve("out-stable-" + version.version())));
    }
    assertEveryObjectMatchesItsAddress(store);
  }

  private int registerRepeatedly(String model, Path file) {
    int registered = 0;
    for (int i = 0; i < 25; i++) {
      try {
        register(model, file);
        registered++;
      } catch (ConflictException changedMeanwhile) {
        // the file changed while it was stored: refused, and nothing was published
      }
    }
    return registered;
  }

  private ModelVersion register(String model, Path file) {
    return fx.registry.register(ModelSpec.builder().model(model).artifact(file, ModelFormat.OTHER).build());
  }

  private static byte[] changed(byte[] bytes) {
    byte[] changed = Arrays.copyOf(bytes, bytes.length);
    changed[bytes.length / 3] ^= 0x20;
    return changed;
  }

  private static List<String> keys(ObjectStore store, String prefix) {
    try (Stream<ObjectInfo> listed = store.list(prefix)) {
      return listed.map(ObjectInfo::key).toList();
    }
  }

  private static void assertEveryObjectMatchesItsAddress(ObjectStore store) throws IOException {
    List<String> wrong = new ArrayList<>();
    for (String key : keys(store, ContentKeys.PREFIX)) {
      try (InputStream in = store.open(key)) {
        if (!ContentKeys.hashOf(key).orElseThrow().equals(Sha256.hex(in.readAllBytes()))) {
          wrong.add(key);
        }
      }
    }
    assertEquals(List.of(), wrong, "objects whose bytes do not match their address");
  }
}
