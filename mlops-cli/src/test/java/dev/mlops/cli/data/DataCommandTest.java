package dev.mlops.cli.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
  @TempDir Path dir;

  private CliRun run(String... args) {
    return CliRun.inStore(dir.resolve("store"), args);
  }

  @Test
  @DisplayName("commit, log, show, diff, tag, checkout and gc work end to end with --json")
  void endToEnd() throws Exception {
    Path raw = Files.createDirectories(dir.resolve("raw"));
    Files.writeString(raw.resolve("a.csv"), "x\n1\n");
    Files.writeString(raw.resolve("b.txt"), "bee");
    CliRun first = run("--json", "data", "commit", "weather", raw.toString(), "-m", "first", "--tag", "v1");
    assertEquals(0, first.exitCode(), first.err());
    JsonNode c1 = first.json();
    assertEquals("weather", c1.get("dataset").asText());
    assertEquals(2, c1.get("files").asInt());
    assertEquals(7, c1.get("bytes").asLong());
    assertTrue(c1.get("newBytes").asLong() >= 7, "both files and the manifest are new");

    Files.writeString(raw.resolve("a.csv"), "x\n1\n2\n");
    JsonNode c2 = run("--json", "data", "commit", "weather", raw.toString(), "-m", "second").json();
    assertTrue(c2.get("newBytes").asLong() < 1000, "only the changed file and a manifest are new");

    JsonNode log = run("--json", "data", "log", "weather").json();
    assertEquals(2, log.get("versions").size());
    assertEquals("second", log.get("versions").get(0).get("message").asText());

    JsonNode show = run("--json", "data", "show", "weather@v1").json();
    assertEquals(c1.get("version").asText(), show.get("version").asText());
    assertEquals("raw/a.csv", show.get("files").get(0).get("path").asText());

    JsonNode diff = run("--json", "data", "diff", "weather@v1", "weather").json();
    assertEquals(1, diff.get("changes").size());
    assertEquals("modified", diff.get("changes").get(0).get("change").asText());
    assertEquals(4, diff.get("changes").get(0).get("fromSize").asLong());
    assertEquals(6, diff.get("changes").get(0).get("toSize").asLong());

    assertEquals(0, run("data", "tag", "weather~1", "first").exitCode());
    CliRun checkout = run("--json", "data", "checkout", "weather@first", dir.resolve("out").toString(),
        "--path", "raw/a.csv");
    assertEquals(0, checkout.exitCode(), checkout.err());
    assertEquals(1, checkout.json().get("files").asInt());
    assertEquals("x\n1\n", Files.readString(dir.resolve("out/raw/a.csv")));

    JsonNode gc = run("--json", "data", "gc", "--dry-run", "--grace", "0s").json();
    assertTrue(gc.get("dryRun").asBoolean());
    assertEquals(0, gc.get("collected").asLong(), "every object belongs to a version");
  }

  @Test
  @DisplayName("committing what the head holds prints 'nothing to commit', exit 0, the head's id in JSON; --allow-empty commits")
  void nothingToCommit() throws Exception {
    Path raw = Files.createDirectories(dir.resolve("raw"));
    Files.writeString(raw.resolve("a.csv"), "x\n1\n");
    String head = run("--json", "data", "commit", "weather", raw.toString()).json().get("version").asText();

    CliRun again = run("data", "commit", "weather", raw.toString(), "-m", "same files");
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().startsWith("nothing to commit: weather@" + head.substring(0, 12)), again.out());
    assertTrue(again.out().contains("--allow-empty"), again.out());
    JsonNode json = run("--json", "data", "commit", "weather", raw.toString()).json();
    assertTrue(json.get("unchanged").asBoolean());
    assertEquals(head, json.get("version").asText());
    assertEquals(0, json.get("newBytes").asLong());
    assertEquals(1, run("--json", "data", "log", "weather").json().get("versions").size());

    JsonNode empty = run("--json", "data", "commit", "weather", raw.toString(), "--allow-empty").json();
    assertFalse(empty.get("unchanged").asBoolean());
    assertNotEquals(head, empty.get("version").asText());
    assertEquals(2, run("--json", "data", "log", "weather").json().get("versions").size());
  }

  @Test
  @DisplayName("failures exit 1 with one line that says what to do")
  void failures() {
    assertEquals(0, run("store", "init").exitCode());
    CliRun missing = run("data", "show", "nope");
    assertEquals(1, missing.exitCode());
    assertTrue(missing.err().contains("No dataset named 'nope'"), missing.err());
    CliRun badGrace = run("data", "gc", "--grace", "soon");
    assertEquals(2, badGrace.exitCode(), "a bad option value is a usage error");
    assertTrue(badGrace.err().contains("not a duration"), badGrace.err());
    CliRun noPath = run("data", "commit", "d", dir.resolve("absent").toString());
    assertEquals(1, noPath.exitCode());
    assertTrue(noPath.err().contains("no such file"), noPath.err());
  }

  @Test
  @DisplayName("checkout refuses a link already in the target (co/sub -> victim) by name, exit 1, and writes nothing behind it")
  void checkoutRefusesALinkInTheTarget() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("src/sub"));
    Files.writeString(sub.resolve("f.txt"), "x\n");
    Path victim = Files.createDirectories(dir.resolve("victim"));
    Path co = Files.createDirectories(dir.resolve("co"));
    assertEquals(0, run("data", "commit", "ds", sub.toString()).exitCode());
    Path link = Files.createSymbolicLink(co.resolve("sub"), victim);

    CliRun checkout = run("data", "checkout", "ds", co.toString());

    assertEquals(1, checkout.exitCode(), checkout.err());
    assertEquals(1, checkout.errLines().size(), checkout.err());
    assertTrue(checkout.err().contains(link.toString()) && !checkout.err().contains("unexpected"), checkout.err());
    try (var files = Files.list(victim)) {
      assertEquals(0, files.count(), "nothing was written through the link");
    }
  }
}
