package dev.mlops.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.experiment.MetricHistory;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunQuery;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.api.experiment.RunStatus;
import dev.mlops.core.MlOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Several processes and threads log to different runs of one experiment on one S3 bucket at the
 * same time (the many-writers promise of the experiment logger, on S3): every run ends FINISHED
 * with every point, and the store verifies clean.
 */
class S3ManyWritersTest {
  private static final int POINTS = 100_000;
  private static S3TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = S3TestServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  @DisplayName("two processes and three threads log to one experiment on one bucket at once")
  void processesAndThreadsLogToOneExperiment() throws Exception {
    String prefix = "many-writers";
    List<Path> outputs = List.of(Files.createTempFile("child-", ".log"),
        Files.createTempFile("child-", ".log"));
    List<Process> children = List.of(child(prefix, outputs.get(0)), child(prefix, outputs.get(1)));
    try (S3ObjectStore store = S3TestServer.storeBuilder(server.endpoint()).prefix(prefix).build();
        MlOps mlops = MlOps.builder().store(store).build()) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        Thread thread = new Thread(() -> {
          try (Run run = mlops.experiments().start(RunSpec.builder().experiment("shared")
              .build())) {
            for (int i = 0; i < POINTS; i++) {
              run.log("x", i * 0.5, i);
            }
          }
        });
        thread.start();
        threads.add(thread);
      }
      for (Thread thread : threads) {
        thread.join(120_000);
      }
      for (int c = 0; c < children.size(); c++) {
        Process child = children.get(c);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child finished");
        String out = Files.readString(outputs.get(c));
        Files.delete(outputs.get(c));
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains("DONE "), out);
      }

      List<RunInfo> runs = mlops.experiments().search(RunQuery.experiment("shared"));
      assertEquals(5, runs.size());
      for (RunInfo run : runs) {
        assertEquals(RunStatus.FINISHED, run.status(), run.id());
        MetricHistory x = mlops.experiments().history(run.id(), "x");
        assertEquals(POINTS, x.size(), "points of run " + run.id());
        assertEquals(POINTS - 1, x.step(POINTS - 1));
        assertEquals((POINTS - 1) * 0.5, x.value(POINTS - 1));
      }
      assertTrue(mlops.inspector().verify().ok(), "the store verifies clean");
    }
  }

  private static Process child(String prefix, Path output) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(RunLoggingChild.class.getName());
    command.add(server.endpoint().toString());
    command.add(prefix);
    command.add(Integer.toString(POINTS));
    // into a file, not a pipe: a chatty child must not block on a full pipe nobody reads yet
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
  }
}
