package dev.mlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.core.MlOps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The mlops command")
class MainTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  @Test
  @DisplayName("--version prints 'mlops <version>' and exits 0")
  void versionPrintsTheBuildVersion() {
    CliRun run = CliRun.of("--version");

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().strip().matches("mlops \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), run.out());
  }

  @Test
  @DisplayName("--help on a subcommand prints its usage and exits 0")
  void helpWorksOnEveryCommand() {
    CliRun run = CliRun.of("store", "verify", "--help");

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("Usage: mlops store verify"), run.out());
    assertTrue(run.out().contains("--store"), run.out());
  }

  @Nested
  @DisplayName("on a fresh directory")
  class FreshStore {
    @Test
    @DisplayName("store info --json reports the store's URI and zero objects")
    void infoOfAnEmptyStore() throws Exception {
      CliRun run = CliRun.of("--store", dir.toString(), "--json", "store", "info");

      assertEquals(0, run.exitCode(), run.err());
      JsonNode json = MAPPER.readTree(run.out());
      assertEquals(List.of("uri", "objects", "bytes", "areas"), fieldNames(json));
      assertEquals(MlOps.toStoreUri(dir.toString()).getPath(), java.net.URI.create(json.get("uri").asText()).getPath());
      assertEquals(0, json.get("objects").asLong());
      assertEquals(0, json.get("bytes").asLong());
      assertTrue(json.get("areas").isEmpty());
    }

    @Test
    @DisplayName("store info prints readable text without --json")
    void infoAsText() {
      CliRun run = CliRun.of("store", "info", "--store", dir.toString());

      assertEquals(0, run.exitCode(), run.err());
      assertTrue(run.out().contains("objects  0"), run.out());
      assertEquals("", run.err());
    }

    @Test
    @DisplayName("store verify --json prints {objects: 0, corrupt: [], missing: [], unsealed: 0, ok: true}"
        + " and exits 0")
    void verifyOfAnEmptyStore() throws Exception {
      CliRun run = CliRun.of("store", "verify", "--json", "--store", dir.toString());

      assertEquals(0, run.exitCode(), run.err());
      assertEquals("{\"objects\": 0, \"corrupt\": [], \"missing\": [], \"unsealed\": 0, \"ok\": true}",
          run.out().strip());
      JsonNode json = MAPPER.readTree(run.out());
      assertEquals(List.of("objects", "corrupt", "missing", "unsealed", "ok"), fieldNames(json));
      assertEquals(0, json.get("objects").asLong());
      assertTrue(json.get("corrupt").isArray() && json.get("corrupt").isEmpty());
      assertTrue(json.get("ok").asBoolean());
      assertEquals("", run.err());
    }

    @Test
    @DisplayName("the store defaults to $MLOPS_STORE")
    void storeDefaultsToTheEnvironment() throws Exception {
      CliRun run = CliRun.of(Map.of("MLOPS_STORE", dir.toString()), "store", "info", "--json");

      assertEquals(0, run.exitCode(), run.err());
      String uri = MAPPER.readTree(run.out()).get("uri").asText();
      assertEquals(dir.toUri().getPath().replaceAll("/$", ""), java.net.URI.create(uri).getPath().replaceAll("/$", ""));
    }
  }

  @Test
  @DisplayName("store verify reports a content object whose bytes do not match its key and exits 1")
  void verifyFindsCorruptObjects() throws Exception {
    String sound = "objects/sha256/2c/2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    String corrupt = "objects/sha256/ab/ab" + "0".repeat(62);
    try (MlOps mlops = MlOps.local(dir)) {
      mlops.store().putIfAbsent(sound, "hello".getBytes(StandardCharsets.UTF_8));
      mlops.store().putIfAbsent(corrupt, "not what the key says".getBytes(StandardCharsets.UTF_8));
    }

    CliRun run = CliRun.of("--store", dir.toString(), "--json", "store", "verify");

    assertEquals(1, run.exitCode(), run.err());
    JsonNode json = MAPPER.readTree(run.out());
    assertEquals(2, json.get("objects").asLong());
    assertEquals(List.of(corrupt), MAPPER.convertValue(json.get("corrupt"), List.class));
    assertFalse(json.get("ok").asBoolean());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.err().startsWith("mlops: 1 of 2 objects"), run.err());
  }

  @Test
  @DisplayName("an unknown command is a usage error: exit 2 with the usage, or the nearest command, on stderr")
  void unknownCommandIsAUsageError() {
    CliRun run = CliRun.of("store", "frobnicate");
    CliRun unlike = CliRun.of("store", "zzz");

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("Unmatched argument at index 1: 'frobnicate'")
        && run.err().contains("Did you mean: store init?"), run.err());
    assertEquals("", run.out());
    assertEquals(2, unlike.exitCode());
    assertTrue(unlike.err().contains("Usage: mlops store"), unlike.err());
  }

  @Test
  @DisplayName("an unknown option is a usage error: exit 2")
  void unknownOptionIsAUsageError() {
    CliRun run = CliRun.of("store", "info", "--no-such-option");

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("Unknown option"), run.err());
  }

  @Test
  @DisplayName("a command group without a subcommand is a usage error: exit 2")
  void missingSubcommandIsAUsageError() {
    CliRun run = CliRun.of("store");

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("Usage: mlops store"), run.err());
  }

  @Test
  @DisplayName("a store path that is a regular file fails with exit 1 and one line on stderr")
  void storeThatIsAFileFails() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");

    CliRun run = CliRun.of("--store", file.toString(), "store", "info");

    assertEquals(1, run.exitCode(), run.err());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.err().startsWith("mlops: "), run.err());
    assertFalse(run.err().contains("\tat "), run.err());
  }

  @Test
  @DisplayName("--verbose adds the stack trace to a failure")
  void verboseShowsTheStackTrace() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");

    CliRun run = CliRun.of("--store", file.toString(), "store", "info", "--verbose");

    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.errLines().size() > 1, run.err());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Nested
  @DisplayName("--store")
  class StoreOption {
    @Test
    @DisplayName("an empty --store is a usage error naming --store, and nothing is created")
    void emptyStoreIsAUsageError() {
      boolean before = Files.exists(Path.of(".mlops-tmp"));
      for (String[] args : List.of(new String[] {"--store", "", "store", "info"},
          new String[] {"--store=", "runs", "ls"}, new String[] {"runs", "ls", "--store", "  "})) {
        CliRun run = CliRun.of(args);

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--store needs a directory or a URI"), run.err());
        assertEquals("", run.out());
      }
      assertEquals(before, Files.exists(Path.of(".mlops-tmp")), "the working directory did not become a store");
    }

    @Test
    @DisplayName("--store data names a directory called data, not the data command")
    void storeNamedLikeACommand() {
      for (String[] args : List.of(new String[] {"--store", "data", "runs", "ls"},
          new String[] {"data", "log", "x", "--store", "data"}, new String[] {"--store", "runs", "store", "info"})) {
        CliRun run = CliRun.of(args);

        assertEquals(1, run.exitCode(), "not a usage error: " + run.err());
        assertTrue(run.err().contains("not an mlops store: " + Path.of(args[args[0].equals("--store") ? 1 : 4])
            .toAbsolutePath()), run.err());
      }
    }

    @Test
    @DisplayName("a command that reads refuses a store that does not exist and creates nothing")
    void readCommandsNeverCreateAStore() {
      Path missing = dir.resolve("doesnotexist");
      for (String[] command : List.of(new String[] {"runs", "ls"}, new String[] {"store", "info"},
          new String[] {"models", "ls"}, new String[] {"data", "log", "d"}, new String[] {"retrain", "status"})) {
        CliRun run = CliRun.inStore(missing, command);

        assertEquals(1, run.exitCode(), String.join(" ", command));
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith("mlops: not an mlops store: " + missing + " (from --store) does not exist")
            && run.err().contains("store init"), run.err());
      }
      CliRun byDefault = CliRun.of(Map.of(MlOps.STORE_ENV, missing.toString()), "runs", "ls");
      assertTrue(byDefault.err().contains("(from $MLOPS_STORE)"), byDefault.err());
      assertFalse(Files.exists(missing));
    }

    @Test
    @DisplayName("store init and a first commit create the store, and say so")
    void writesCreateTheStore() throws Exception {
      CliRun init = CliRun.inStore(dir.resolve("a"), "store", "init");
      assertEquals(0, init.exitCode(), init.err());
      assertTrue(init.out().contains("created an empty store at " + dir.resolve("a")), init.out());
      assertEquals(0, CliRun.inStore(dir.resolve("a"), "runs", "ls").exitCode());
      assertTrue(CliRun.inStore(dir.resolve("a"), "store", "init").out().contains("the store is ready"));

      Path file = Files.writeString(dir.resolve("f.txt"), "x");
      CliRun commit = CliRun.inStore(dir.resolve("b"), "data", "commit", "d", file.toString());
      assertEquals(0, commit.exitCode(), commit.err());
      assertTrue(commit.err().contains("created a new store at " + dir.resolve("b")), commit.err());
      CliRun typo = CliRun.inStore(dir.resolve("c"), "data", "commit", "d", dir.resolve("typo.txt").toString());
      assertEquals(1, typo.exitCode());
      assertFalse(Files.exists(dir.resolve("c")), "a commit that cannot start creates no store");
    }
  }
}
