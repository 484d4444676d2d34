package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.testing.ChildJvm;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * After {@code close()} no thread of the SDK is left: checked right after close returns (close
 * waits for its threads, so this does not depend on scheduling), in a JVM of its own.
 */
class MlOpsThreadsTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "with {0} executor")
  @ValueSource(strings = {"own", "host"})
  void noThreadOfOursOutlivesClose(String executor) {
    ChildJvm.Result result = ChildJvm.run(ThreadsChild.class, dir.toString(), executor);
    assertEquals(0, result.exitCode(), result.stderr());
    List<String> lines = result.stdout().lines().toList();
    assertTrue(lines.contains("DONE"), result.stdout() + result.stderr());
    List<String> seen = lines.stream().filter(l -> l.startsWith("SEEN ")).toList();
    assertTrue(seen.stream().anyMatch(l -> l.startsWith("SEEN mlops-segment-io-")), seen.toString());
    assertTrue(seen.contains("SEEN mlops-clock"), seen.toString());
    if (executor.equals("own")) {
      assertTrue(seen.stream().anyMatch(l -> l.startsWith("SEEN mlops-worker-")), seen.toString());
    }
    assertEquals(List.of(), lines.stream().filter(l -> l.startsWith("LEFT ")).toList());
  }
}
