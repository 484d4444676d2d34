package dev.mlops.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.cli.CliRun;
import dev.mlops.core.MlOps;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops ui} refuses what would expose writes without an identity. */
class UiCommandTest {
  @Test
  void writesOnANonLoopbackBindNeedATokenEvenWithInsecure(@TempDir Path dir) {
    MlOps.local(dir).close();  // an existing store, so the refusal is about the bind
    CliRun run = CliRun.inStore(dir, "ui", "--bind", "0.0.0.0", "--port", "0", "--insecure", "--enable-writes");
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.err().contains("--token"), run.err());
    assertTrue(run.err().contains("--enable-writes"), run.err());
  }
}
