package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.mlops.api.experiment.MetricHistory;
import dev.mlops.api.experiment.RunStatus;
import dev.mlops.core.testing.ChildJvm;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real JVM that forgets close(): a normal exit flushes its live runs and ends them. */
class MlOpsExitTest {
  @TempDir Path dir;

  private String runLeftOpen(String closeOnExit) {
    ChildJvm.Result result = ChildJvm.run(ExitChild.class, dir.toString(), closeOnExit, "1000");
    assertEquals(0, result.exitCode(), result.stderr());
    return result.stdout().lines().filter(line -> line.startsWith("RUN ")).findFirst()
        .orElseThrow(() -> new AssertionError(result.stdout() + result.stderr())).substring(4);
  }

  @Test
  @DisplayName("1,000 points logged, no close(), main returns: every point reads back and the run is FINISHED")
  void aNormalExitFlushesAndEndsTheRun() {
    String runId = runLeftOpen("on");
    try (MlOps mlops = MlOps.builder().uri(dir.toUri()).closeOnJvmExit(false).build()) {
      MetricHistory x = mlops.experiments().history(runId, "x");
      assertEquals(1_000, x.size());
      for (int i = 0; i < x.size(); i++) {
        assertEquals(i, x.step(i));
        assertEquals(i * 0.5, x.value(i));
      }
      assertEquals(RunStatus.FINISHED, mlops.experiments().run(runId).orElseThrow().status());
    }
  }

  @Test
  @DisplayName("with closeOnJvmExit(false) nothing ends the run at exit: the host said it closes it")
  void theHostCanTurnItOff() {
    String runId = runLeftOpen("off");
    try (MlOps mlops = MlOps.builder().uri(dir.toUri()).closeOnJvmExit(false).build()) {
      assertNotEquals(RunStatus.FINISHED, mlops.experiments().run(runId).orElseThrow().status(),
          "RUNNING until its heartbeat times out, then KILLED; never ended by the SDK");
    }
  }
}
