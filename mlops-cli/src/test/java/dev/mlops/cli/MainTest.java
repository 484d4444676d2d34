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
  @DisplayName("an unknown command is a usage error: exit 2 with the usage on stderr")
  void unknownCommandIsAUsageError() {
    CliRun run = CliRun.of("store", "frobnicate");

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("Usage: mlops store"), run.err());
    assertEquals("", run.out());
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
}
