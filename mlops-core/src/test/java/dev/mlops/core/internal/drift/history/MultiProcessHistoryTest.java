package dev.mlops.core.internal.drift.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two child JVMs and this one record into one drift history of one directory, starting together. */
class MultiProcessHistoryTest {
  @TempDir Path dir;
  @TempDir Path work;

  @Test
  void threeJvmsRecordingIntoOneHistoryKeepEveryRecordOnce() throws Exception {
    int count = 40;
    Path store = dir.resolve("store");
    Path start = work.resolve("start");
    try (MlOps mlops = MlOps.local(store)) {
      DriftReport report = mlops.drift().compare(DriftHistoryTest.gaussian(200, 0, 1),
          DriftHistoryTest.gaussian(200, 0, 2), DriftConfig.ofDefaults());
      List<Process> children = new ArrayList<>();
      List<Path> outs = new ArrayList<>();
      for (int c = 1; c <= 2; c++) {
        Path out = work.resolve("child-" + c);
        outs.add(out);
        children.add(ChildJvm.start(ConcurrentHistoryChild.class, out, Map.of(), store.toString(),
            String.valueOf(c), String.valueOf(count), start.toString()));
      }
      for (int c = 0; c < 2; c++) {
        ChildJvm.awaitLine(children.get(c), outs.get(c), "READY", Duration.ofMinutes(2));
      }
      Files.createFile(start);
      ConcurrentHistoryChild.write(mlops.drift().history("shared"), report, 0, count);
      for (int c = 0; c < 2; c++) {
        assertTrue(children.get(c).waitFor(2, TimeUnit.MINUTES), "child " + c + " finished");
        assertEquals(0, children.get(c).exitValue(), ChildJvm.errors(outs.get(c)));
      }
      ConcurrentHistoryChild.assertComplete(mlops.drift().history("shared").list(), 3, count);
    }
  }
}
