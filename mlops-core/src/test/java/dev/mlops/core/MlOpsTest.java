package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.content.ContentKeys;
import dev.mlops.core.internal.storage.DocumentSeal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlOpsTest {
  @TempDir Path dir;

  @Test
  @DisplayName("the default store is $MLOPS_STORE when set, else ./.mlops")
  void defaultStoreFollowsTheEnvironment() {
    assertEquals(Path.of(".mlops").toAbsolutePath().normalize().toUri(),
        MlOps.defaultStoreUri(Map.of()));
    assertEquals(Path.of(".mlops").toAbsolutePath().normalize().toUri(),
        MlOps.defaultStoreUri(Map.of(MlOps.STORE_ENV, "  ")));
    assertEquals(URI.create("s3://bucket/prefix"),
        MlOps.defaultStoreUri(Map.of(MlOps.STORE_ENV, "s3://bucket/prefix")));
    assertEquals(dir.toUri(), MlOps.defaultStoreUri(Map.of(MlOps.STORE_ENV, dir.toString())));
  }

  @Test
  @DisplayName("a local directory opens through the file: provider found by ServiceLoader")
  void localOpensTheFileSystemStore() {
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      assertTrue(mlops.store().putIfAbsent("refs/x", "1".getBytes(StandardCharsets.UTF_8)));
      assertTrue(Files.isRegularFile(dir.resolve("store/refs+/x")),
          "objects are plain files; folders get a '+' so 'refs' could also be an object");
      assertEquals("file", mlops.store().uri().getScheme());
    }
  }

  @Test
  @DisplayName("an unknown scheme fails with a message that says which module to add")
  void unknownSchemeSaysWhatToDo() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MlOps.open(URI.create("gopher://x/y")));
    assertTrue(e.getMessage().contains("'gopher'"), e.getMessage());
    assertTrue(e.getMessage().contains("file"), e.getMessage());
    assertTrue(e.getMessage().contains("Add the storage module"), e.getMessage());
  }

  @Test
  @DisplayName("the builder refuses a value set twice and a store given two ways")
  void builderRules() {
    MlOps.Builder builder = MlOps.builder().uri(URI.create("mem:x"));
    assertThrows(IllegalStateException.class, () -> builder.uri(URI.create("mem:y")));
    try (MlOps owner = MlOps.open(URI.create("mem:builder-" + UUID.randomUUID()))) {
      builder.store(owner.store());
      assertThrows(IllegalStateException.class, builder::build);
    }
  }

  @Test
  @DisplayName("a store passed in is not closed by close(); a store opened from a URI is")
  void closesOnlyWhatItOpened() {
    try (MlOps owner = MlOps.open(URI.create("mem:owned-" + UUID.randomUUID()))) {
      ObjectStore shared = owner.store();
      MlOps borrower = MlOps.builder().store(shared).build();
      borrower.close();
      borrower.close();
      assertTrue(shared.putIfAbsent("still-open", new byte[0]), "borrowed store stays open");
    }
  }

  @Test
  @DisplayName("concerns not yet implemented say so instead of returning null")
  void unimplementedConcernsSaySo() {
    try (MlOps mlops = MlOps.open(URI.create("mem:concerns-" + UUID.randomUUID()))) {
      assertSame(mlops.experiments(), mlops.experiments(), "one experiment logger per instance");
      assertSame(mlops.models(), mlops.models(), "one model registry per instance");
      assertThrows(dev.mlops.api.NotFoundException.class,
          () -> mlops.validator().report("0".repeat(64)), "the validator reads this store");
    }
  }

  @Test
  @DisplayName("info counts objects by area and verify finds a bit-flipped content object")
  void inspectorCountsAndVerifies() throws Exception {
    try (MlOps mlops = MlOps.open(URI.create("mem:inspect-" + UUID.randomUUID()))) {
      ObjectStore store = mlops.store();
      byte[] good = "good content".getBytes(StandardCharsets.UTF_8);
      byte[] flipped = "bad content".getBytes(StandardCharsets.UTF_8);
      String goodKey = ContentKeys.keyOf(sha256(good));
      String badKey = ContentKeys.keyOf(sha256(flipped));
      flipped[0] ^= 1;
      store.putIfAbsent(goodKey, good);
      store.putIfAbsent(badKey, flipped);
      store.putIfAbsent("objects/sha256/zz/not-a-hash", good);
      store.putIfAbsent("refs/heads/main", good);

      StoreInfo info = mlops.inspector().info();
      assertEquals(4, info.objects());
      assertEquals(Map.of("objects", 3L, "refs", 1L), info.areas());
      assertEquals(good.length * 2L + flipped.length + DocumentSeal.seal(good).length, info.bytes(),
          "a document is stored sealed");

      VerifyReport report = mlops.inspector().verify();
      assertEquals(4, report.objects(), "three content objects and one document");
      assertEquals(List.of(badKey, "objects/sha256/zz/not-a-hash").stream().sorted().toList(),
          report.corrupt());
      assertFalse(report.ok());

      store.delete(badKey);
      store.delete("objects/sha256/zz/not-a-hash");
      assertTrue(mlops.inspector().verify().ok());
    }
  }

  @Test
  @DisplayName("verify checks metric segments: a flipped bit or a cut-off end is reported")
  void verifyChecksMetricSegments() throws Exception {
    try (MlOps mlops = MlOps.open(URI.create("mem:segments-" + UUID.randomUUID()))) {
      ObjectStore store = mlops.store();
      String[] runs = new String[3];
      for (int r = 0; r < runs.length; r++) {
        try (Run run = mlops.experiments().start(RunSpec.builder().experiment("v").build())) {
          for (int i = 0; i < 1000; i++) {
            run.log("loss", 1.0 / (i + 1), i);
            run.log("acc", i * 0.001, i);
          }
          runs[r] = run.id();
        }
      }
      List<String> segments = new ArrayList<>();
      for (String id : runs) {
        try (var listed = store.list("logs/runs/" + id + "/metrics/")) {
          segments.add(listed.findFirst().orElseThrow().key());
        }
      }
      VerifyReport clean = mlops.inspector().verify();
      assertTrue(clean.ok(), "freshly written segments verify");
      assertTrue(clean.objects() >= 3, "segments are counted: " + clean.objects());

      byte[] flipped = store.get(segments.get(0)).orElseThrow().bytes();
      flipped[flipped.length / 2] ^= 0x10;
      byte[] cut = store.get(segments.get(1)).orElseThrow().bytes();
      cut = Arrays.copyOf(cut, cut.length - 7);
      replace(store, segments.get(0), flipped);
      replace(store, segments.get(1), cut);

      VerifyReport report = mlops.inspector().verify();
      assertEquals(List.of(segments.get(0), segments.get(1)).stream().sorted().toList(),
          report.corrupt());
      assertEquals(clean.objects(), report.objects());
      IntegrityException e = assertThrows(IntegrityException.class,
          () -> mlops.experiments().history(runs[0], "loss"));
      assertTrue(e.getMessage().contains(segments.get(0)), e.getMessage());
      assertEquals(1000, mlops.experiments().history(runs[2], "loss").size(), "the rest reads");
    }
  }

  private static void replace(ObjectStore store, String key, byte[] bytes) {
    store.delete(key);
    store.putIfAbsent(key, bytes);
  }

  @Test
  @DisplayName("content keys round-trip a digest and reject keys outside the layout")
  void contentKeysRoundTrip() throws Exception {
    byte[] digest = sha256(new byte[0]);
    String key = ContentKeys.keyOf(digest);
    assertEquals("objects/sha256/e3/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        key, "SHA-256 of the empty string, from FIPS 180-4 test vectors");
    assertEquals(key.substring(18), ContentKeys.hashOf(key).orElseThrow());
    assertTrue(ContentKeys.hashOf("objects/sha256/aa/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855").isEmpty(),
        "fan-out must match the hash's first two characters");
  }

  private static byte[] sha256(byte[] bytes) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }
}
