package dev.mlops.cli.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.cli.CliRun;
import dev.mlops.core.MlOps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged table-sketch object is derived data: it never blocks reading a version (log, show,
 * checkout of the table and of plain files), store verify reports it, and reading the table's
 * profile (here through {@code mlops drift}) rebuilds and replaces it.
 */
class DamagedSketchCommandTest {
  @TempDir Path dir;

  private CliRun run(String... args) {
    return CliRun.inStore(dir.resolve("store"), args);
  }

  @Test
  @DisplayName("log, show and checkout work with damaged sketches; drift rebuilds them; verify is clean again")
  void damagedSketchesDegrade() throws Exception {
    StringBuilder csv = new StringBuilder("temp,city\n");
    for (int i = 0; i < 500; i++) {
      csv.append(10 + i % 17).append(',').append(i % 3 == 0 ? "Oslo" : "Paris").append('\n');
    }
    Path table = Files.writeString(dir.resolve("weather.csv"), csv);
    Path notes = Files.writeString(dir.resolve("notes.txt"), "plain file");
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      mlops.datasets().commit(CommitRequest.builder().dataset("weather").message("m").author("a")
          .addTable("weather", new TableSource.FromCsv(table, Optional.empty()))
          .add("notes.txt", notes).build());
    }
    Path sketch;
    try (Stream<Path> files = Files.list(dir.resolve("store/objects+/sketches+"))) {
      // The table's sketches; beside them lie the CSV blocks' profiles (csv-blocks+, csv-tables+)
      sketch = files.filter(Files::isRegularFile).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(sketch);
    bytes[bytes.length - 30] ^= 0x04;
    Files.write(sketch, bytes);

    CliRun log = run("--json", "data", "log", "weather");
    assertEquals(0, log.exitCode(), log.err());
    CliRun show = run("--json", "data", "show", "weather");
    assertEquals(0, show.exitCode(), show.err());
    assertEquals(2, show.json().get("files").size());
    CliRun plain = run("data", "checkout", "weather", dir.resolve("plain").toString(),
        "--path", "notes.txt");
    assertEquals(0, plain.exitCode(), plain.err());
    assertEquals("plain file", Files.readString(dir.resolve("plain/notes.txt")));
    CliRun all = run("data", "checkout", "weather", dir.resolve("all").toString());
    assertEquals(0, all.exitCode(), all.err());
    assertTrue(Files.size(dir.resolve("all/weather")) > 0, "the table is checked out too");
    assertEquals("plain file", Files.readString(dir.resolve("all/notes.txt")));

    CliRun damaged = run("--json", "store", "verify");
    assertEquals(1, damaged.exitCode());
    JsonNode corrupt = damaged.json().get("corrupt");
    assertEquals(List.of("objects/sketches/" + sketch.getFileName()), List.of(corrupt.get(0).asText()));

    CliRun drift = run("--json", "drift", "--reference", "weather@main", "--table", "weather",
        "--current", table.toString());
    assertEquals(0, drift.exitCode(), drift.err());
    CliRun healed = run("store", "verify");
    assertEquals(0, healed.exitCode(), healed.out() + healed.err());
    assertTrue(healed.out().strip().endsWith(": ok"), healed.out());
  }
}
