package dev.mlops.core.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunQuery;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.core.MlOps;
import dev.mlops.core.internal.storage.DocumentSeal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code MlOps} on one file system store, as two processes would be (they share nothing in
 * memory): runs the writer adds, and a finished run whose metrics it changes, show in the reader's
 * next search, also when the reader's previous search was served from the store's kept listing of
 * the run documents and its own cache of parsed documents.
 *
 * <p>The store holds 1,000 more run documents, copies of one real run written as files (through
 * the store each would cost an fsync), so the directory is large enough for the file store to keep
 * its listing; the documents and then their directory are dated an hour back where a listing is to
 * be kept, since neither cache keeps what changed in the last 2 seconds.
 */
class SearchBesideAnotherWriterTest {
  private static final int COPIES = 1_000;
  private static final RunQuery GOOD = RunQuery.all().where("metrics.accuracy > 0.9").orderBy("metrics.accuracy", true);

  @TempDir Path dir;

  @Test
  void runsAddedOrChangedByAnotherWriterBetweenTwoSearchesShowInTheSecond() throws IOException {
    try (MlOps writer = MlOps.local(dir); MlOps reader = MlOps.local(dir)) {
      String template;
      try (Run run = writer.experiments().start(RunSpec.builder().experiment("sweep").build())) {
        run.log("accuracy", 0.5, 0);
        template = run.id();
      }
      RunDoc doc = new RunDocs(writer.store()).require(template);
      for (int i = 0; i < COPIES; i++) {
        doc.id = String.format("copy%05d", i);
        Files.write(runDocuments().resolve(doc.id), DocumentSeal.seal(RunDocs.encode(doc)));
      }
      settle();
      assertEquals(COPIES + 1, reader.experiments().search(RunQuery.all()).size());
      assertEquals(List.of(), reader.experiments().search(GOOD)); // now from the kept listing

      String added;
      try (Run run = writer.experiments().start(RunSpec.builder().experiment("sweep").build())) {
        run.log("accuracy", 0.95, 0);
        added = run.id();
      }
      assertEquals(List.of(added), ids(reader.experiments().search(GOOD)));

      settle();
      assertEquals(List.of(added), ids(reader.experiments().search(GOOD)));
      assertEquals(List.of(added), ids(reader.experiments().search(GOOD))); // both caches warm
      try (Run run = writer.experiments().resume(template)) {
        run.log("accuracy", 0.99, 1);
      }
      assertEquals(List.of(template, added), ids(reader.experiments().search(GOOD)));
      assertEquals(Set.of(template), reader.experiments().search(GOOD.limit(1)).stream()
          .map(RunInfo::id).collect(Collectors.toSet()));
    }
  }

  private Path runDocuments() {
    return dir.resolve("refs+").resolve("runs+");
  }

  /** Dates every run document, then their directory, an hour back. */
  private void settle() throws IOException {
    FileTime hourAgo = FileTime.from(Instant.now().minusSeconds(3600));
    try (Stream<Path> files = Files.list(runDocuments())) {
      for (Path file : files.toList()) {
        Files.setLastModifiedTime(file, hourAgo);
      }
    }
    Files.setLastModifiedTime(runDocuments(), hourAgo);
  }

  private static List<String> ids(List<RunInfo> runs) {
    return runs.stream().map(RunInfo::id).toList();
  }
}
