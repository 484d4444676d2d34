package dev.mlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops store verify} on documents and references, on a file store changed by hand. */
class StoreVerifyCommandTest {
  @TempDir Path dir;

  private Path store() {
    return dir.resolve("store");
  }

  private CliRun run(String... args) {
    return CliRun.inStore(store(), args);
  }

  /** The file of an object in the file store: folders carry a '+' (see docs/storage.md). */
  private Path file(String key) {
    String[] parts = key.split("/");
    Path path = store();
    for (int i = 0; i < parts.length - 1; i++) {
      path = path.resolve(parts[i] + "+");
    }
    return path.resolve(parts[parts.length - 1]);
  }

  private String commit() throws Exception {
    Path raw = Files.createDirectories(dir.resolve("raw"));
    Files.writeString(raw.resolve("notes.txt"), "hello");
    CliRun commit = run("--json", "data", "commit", "notes", raw.toString(), "-m", "first");
    assertEquals(0, commit.exitCode(), commit.err());
    return commit.json().get("version").asText();
  }

  @Test
  @DisplayName("documents are stored with a checksum line that cat shows, and a clean store verifies ok")
  void documentsAreReadableAndVerify() throws Exception {
    String version = commit();
    String head = Files.readString(file("refs/datasets/notes/heads/main"));
    assertTrue(head.matches("mlops-doc crc32c=[0-9a-f]{8} length=64\n" + version), head);

    CliRun verify = run("store", "verify");
    assertEquals(0, verify.exitCode(), verify.err());
    assertTrue(verify.out().strip().endsWith(": ok"), verify.out());
  }

  @Test
  @DisplayName("a flipped bit in a head is reported corrupt; reading the dataset names the head")
  void aFlippedBitInADocumentIsCorrupt() throws Exception {
    commit();
    Path head = file("refs/datasets/notes/heads/main");
    byte[] bytes = Files.readAllBytes(head);
    bytes[bytes.length - 1] ^= 1;
    Files.write(head, bytes);

    CliRun verify = run("--json", "store", "verify");
    assertEquals(1, verify.exitCode(), verify.err());
    assertEquals(List.of("refs/datasets/notes/heads/main"),
        List.of(verify.json().get("corrupt").get(0).asText()));
    CliRun show = run("data", "show", "notes");
    assertEquals(1, show.exitCode());
    assertTrue(show.err().contains("refs/datasets/notes/heads/main"), show.err());
  }

  @Test
  @DisplayName("an object deleted while a version refers to it is reported missing with its referrer; exit 1")
  void aDeletedChunkIsMissing() throws Exception {
    String version = commit();
    String chunk = "objects/sha256/2c/2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    Files.delete(file(chunk)); // sha256("hello")

    CliRun json = run("--json", "store", "verify");
    assertEquals(1, json.exitCode(), json.err());
    JsonNode missing = json.json().get("missing");
    assertEquals(1, missing.size(), json.out());
    assertEquals(chunk, missing.get(0).get("key").asText());
    assertEquals("objects/sha256/" + version.substring(0, 2) + "/" + version,
        missing.get(0).get("referrer").asText(), "the manifest names the chunk");
    assertFalse(json.json().get("ok").asBoolean());

    CliRun text = run("store", "verify");
    assertEquals(1, text.exitCode());
    assertTrue(text.out().contains("missing  " + chunk + "  (referred to by objects/sha256/"), text.out());
    assertTrue(text.out().strip().endsWith(": 1 missing"), text.out());
    assertTrue(text.err().contains("missing"), text.err());
  }

  @Test
  @DisplayName("documents written before checksums verify ok and are counted as unsealed")
  void unsealedDocumentsAreCounted() throws Exception {
    commit();
    try (Stream<Path> files = Files.walk(store().resolve("refs+"))) {
      for (Path path : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(path, StandardCharsets.UTF_8);
        Files.writeString(path, text.substring(text.indexOf('\n') + 1)); // drop the seal
      }
    }
    CliRun verify = run("store", "verify");
    assertEquals(0, verify.exitCode(), verify.err());
    assertTrue(verify.out().contains("ok (2 documents written before documents carried checksums)"),
        verify.out());
    assertEquals(0, run("data", "show", "notes").exitCode());
  }
}
