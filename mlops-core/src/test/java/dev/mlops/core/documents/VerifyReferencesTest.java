package dev.mlops.core.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.MlOps;
import dev.mlops.core.VerifyReport;
import dev.mlops.core.VerifyReport.Missing;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** store verify finds objects that something still refers to but that are gone, and who refers. */
class VerifyReferencesTest {
  @TempDir Path dir;
  private final InMemoryObjectStore store = InMemoryObjectStore.create();

  private VerifyReport verify() {
    try (MlOps mlops = MlOps.builder().store(store).build()) {
      return mlops.inspector().verify();
    }
  }

  @Test
  @DisplayName("a store with every kind of document verifies clean: all sealed, all read, nothing missing")
  void everyConcernVerifiesClean() {
    EveryDocument.write(store, dir);
    VerifyReport report = verify();
    assertTrue(report.ok(), report.toString());
    assertEquals(0, report.unsealed());
    assertEquals(List.of(), report.missing());
  }

  @Test
  @DisplayName("deleted objects that a manifest, a run and a model version name are reported with them")
  void deletedObjectsAreMissingWithTheirReferrer() {
    EveryDocument docs = EveryDocument.write(store, dir);
    String modelFile = "objects/sha256/9a/9a129038d9a00aed0cf6a7ea059ca50a813449061ab87848cf1a13eafdf33b2c";
    store.delete(docs.chunkKey);
    store.delete(docs.artifactKey);
    store.delete(modelFile); // sha256("weights")

    VerifyReport report = verify();

    assertFalse(report.ok());
    assertEquals(List.of(), report.corrupt());
    String manifest = "objects/sha256/" + docs.versionId.substring(0, 2) + "/" + docs.versionId;
    assertEquals(List.of(new Missing(docs.chunkKey, manifest),
        new Missing(docs.artifactKey, "refs/runs/" + docs.runId),
        new Missing(modelFile, "refs/models/m/versions/0000000001")).stream()
        .sorted(java.util.Comparator.comparing(Missing::key)).toList(), report.missing());
  }

  @Test
  @DisplayName("a deleted manifest is missing even though the walk cannot go past it")
  void aDeletedManifestIsMissing() {
    EveryDocument docs = EveryDocument.write(store, dir);
    String manifest = "objects/sha256/" + docs.versionId.substring(0, 2) + "/" + docs.versionId;
    store.delete(manifest);

    VerifyReport report = verify();

    assertEquals(1, report.missing().size(), report.toString());
    assertEquals(manifest, report.missing().get(0).key());
  }

  @Test
  @DisplayName("missing table sketches are not reported: they are derived and rebuilt on read")
  void missingSketchesAreNotMissing() throws Exception {
    try (MlOps mlops = MlOps.builder().store(store).build()) {
      Path csv = java.nio.file.Files.writeString(dir.resolve("t.csv"), "a,b\n1,x\n2,y\n");
      mlops.datasets().commit(dev.mlops.api.dataset.CommitRequest.builder().dataset("t")
          .addTable("t.arrow", new dev.mlops.api.dataset.TableSource.FromCsv(csv,
              java.util.Optional.empty())).message("m").author("a").build());
    }
    List<String> sketches;
    try (var listing = store.list("objects/sketches/")) {
      sketches = listing.map(dev.mlops.api.storage.ObjectInfo::key).toList();
    }
    // The table's sketches, and the profiles of its one CSV block with the list of its blocks
    assertEquals(1, sketches.stream().filter(k -> k.matches("objects/sketches/[0-9a-f]{64}")).count(),
        "the commit stored the table's sketches: " + sketches);
    assertEquals(3, sketches.size(), "and its block's profile and block list: " + sketches);
    sketches.forEach(store::delete);
    assertTrue(verify().ok());
  }
}
