package dev.mlops.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.api.experiment.BackpressurePolicy;
import dev.mlops.api.experiment.ExperimentLogger;
import dev.mlops.api.experiment.InputRole;
import dev.mlops.api.experiment.MetricHistory;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunComparison;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunQuery;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.api.experiment.RunStatus;
import dev.mlops.core.MlOps;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code of docs/tracking.md: each region between {@code // snippet:NAME} and {@code // end:NAME}
 * is shown on the page (DocsSnippetsTest keeps the two equal) and runs here against a real store.
 */
@DisplayName("docs/tracking.md")
class TrackingPageTest {
  @TempDir Path dir;

  @Test
  @DisplayName("a run with params, inputs, metrics and artifacts; reading, search and compare")
  void aRun() throws IOException {
    URI storeUri = dir.resolve("store").toUri();
    Path out = Files.createDirectories(dir.resolve("out/plots"));
    Path modelFile = Files.write(dir.resolve("out/model.onnx"), new byte[] {8, 1, 18, 0});
    Files.writeString(out.resolve("loss.svg"), "<svg/>");
    Path customers = Files.writeString(dir.resolve("customers.csv"), "id,churned\n1,0\n2,1\n");
    DatasetVersion train;
    DatasetVersion test;
    try (MlOps mlops = MlOps.open(storeUri)) {
      train = mlops.datasets().commit(CommitRequest.builder().dataset("customers")
          .add("customers.csv", customers).message("train").build());
      test = mlops.datasets().commit(CommitRequest.builder().dataset("customers")
          .add("holdout.csv", customers).message("test").build());
    }
    Path plots = out;

    // snippet:tracking-run
    try (MlOps mlops = MlOps.open(storeUri);                // MlOps.open(): $MLOPS_STORE or ./.mlops
         Run run = mlops.experiments().start(RunSpec.builder()
             .experiment("churn")                          // experiments are created on first use
             .name("lr-baseline")                          // optional; generated otherwise
             .param("model", "logistic-regression")
             .param("lr", "0.01")
             .tag("team", "risk")
             .seed("shuffle", 42)                          // recorded in the lineage
             .input(InputRole.TRAIN, train.ref())          // a DatasetVersion's exact reference
             .input(InputRole.TEST, test.ref())
             .build())) {
      for (int epoch = 0; epoch < 20; epoch++) {
        for (int batch = 0; batch < 10_000; batch++) {
          double loss = trainOneBatch(epoch, batch);
          run.log("loss", loss, epoch * 10_000L + batch);  // key, value, step
        }
        run.log("val.accuracy", evaluate(epoch));          // step = the key's last step + 1
      }
      run.artifact("model.onnx", modelFile);
      run.artifact("plots", plots);                        // a directory: every file below it
    } // flushes; FINISHED
    // end:tracking-run

    try (MlOps mlops = MlOps.open(storeUri)) {
      ExperimentLogger logger = mlops.experiments();
      String runId = logger.search(RunQuery.experiment("churn")).get(0).id();
      String idPrefix = runId.substring(0, 10);
      // snippet:tracking-read
      RunInfo run = logger.run(runId).orElseThrow();       // params, tags, latest metrics, lineage
      RunInfo same = logger.resolve(idPrefix);             // a unique id prefix, as datasets accept
      MetricHistory loss = logger.history(runId, "loss");  // every point, in logging order
      MetricHistory chart = logger.history(runId, "loss", 1000);  // <= 1000 points (LTTB)
      for (int i = 0; i < chart.size(); i++) {
        plot(chart.step(i), chart.value(i));
      }
      // end:tracking-read
      assertEquals(RunStatus.FINISHED, run.status());
      assertEquals(runId, same.id());
      assertEquals(200_000, loss.size());
      assertTrue(chart.size() <= 1000 && chart.size() > 100, "LTTB points: " + chart.size());
      assertEquals(0, chart.step(0));  // first and last points are kept
      assertEquals(199_999, chart.step(chart.size() - 1));
      assertEquals(0.9, run.latestMetrics().get("val.accuracy"), 1e-12);  // evaluate(19)
      assertEquals(2, run.inputs().size());
      assertEquals(2, run.artifacts().size());  // model.onnx and plots/loss.svg

      Run second = logger.start(RunSpec.builder().experiment("churn").name("lr-tuned")
          .param("model", "lr").param("lr", "0.1").tag("team", "risk").build());
      second.log("accuracy", 0.93);
      second.close();
      Run third = logger.start(RunSpec.builder().experiment("churn").name("lr-wide")
          .param("model", "lr").param("lr", "0.5").tag("team", "risk").build());
      third.log("accuracy", 0.91);
      third.close();

      // snippet:tracking-search
      List<RunInfo> best = logger.search(RunQuery.experiment("churn")
          .where("metrics.accuracy > 0.9 and params.model = 'lr' and tags.team = 'risk'")
          .orderBy("metrics.accuracy", true)     // any metrics.X, params.X, tags.X, name, started
          .limit(10));
      // end:tracking-search
      assertEquals(List.of("lr-tuned", "lr-wide"), best.stream().map(RunInfo::name).toList());

      String a = runId;
      String b = second.id();
      // snippet:tracking-compare
      RunComparison c = logger.compare(List.of(a, b));
      c.paramKeys();  // union of keys
      c.differingParams();  // keys whose values differ
      c.metricKeys();
      c.differingMetrics();  // by latest value
      // end:tracking-compare
      assertEquals(java.util.Set.of("lr", "model"), java.util.Set.copyOf(c.paramKeys()));
      assertEquals(java.util.Set.of("lr", "model"), c.differingParams());
    }
  }

  @Test
  @DisplayName("a failed run ends FAILED with its exception")
  void failedRun() {
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      ExperimentLogger logger = mlops.experiments();
      RunSpec spec = RunSpec.builder().experiment("churn").build();
      assertThrows(IllegalStateException.class, () -> {
        // snippet:tracking-fail
        try (Run run = logger.start(spec)) {
          try {
            train(run);
          } catch (RuntimeException e) {
            run.fail(e);      // close() records FAILED with e.toString()
            throw e;
          }
        }
        // end:tracking-fail
      });
      RunInfo run = logger.search(RunQuery.experiment("churn")).get(0);
      assertEquals(RunStatus.FAILED, run.status());
    }
  }

  @Test
  @DisplayName("a renamed experiment keeps its runs under the new name")
  void renamedExperiment() {
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      ExperimentLogger logger = mlops.experiments();
      String id;
      try (Run run = logger.start(RunSpec.builder().experiment("churn").build())) {
        id = run.id();
      }
      // snippet:tracking-rename
      logger.renameExperiment("churn", "attrition");
      // end:tracking-rename
      assertEquals(List.of("attrition"), logger.experiments());
      assertEquals("attrition", logger.run(id).orElseThrow().experiment());
    }
  }

  @Test
  @DisplayName("buffer capacity, backpressure and closeOnJvmExit are accepted as shown")
  void settings() {
    URI uri = dir.resolve("store").toUri();
    // snippet:tracking-buffer
    RunSpec spec = RunSpec.builder().experiment("churn")
        .bufferCapacity(1 << 20)                          // points; default 262,144 (~7 MiB)
        .backpressure(BackpressurePolicy.DROP_OLDEST)     // default BLOCK
        .build();
    // end:tracking-buffer
    // snippet:tracking-exit
    MlOps mlops = MlOps.builder().uri(uri).closeOnJvmExit(false).build(); // default: true
    // end:tracking-exit
    try (mlops; Run run = mlops.experiments().start(spec)) {
      for (int i = 0; i < 300_000; i++) {
        run.log("x", i);  // more than the default capacity, no flush in between
      }
      run.flush();
      assertEquals(0, run.droppedPoints());
    }
  }

  private static double trainOneBatch(int epoch, int batch) {
    return 1.0 / (1 + epoch + batch / 10_000.0);
  }

  private static double evaluate(int epoch) {
    return 0.5 + epoch * 0.4 / 19;
  }

  private static void plot(long step, double value) {
    assertTrue(step >= 0 && value > 0);
  }

  private static void train(Run run) {
    run.log("loss", 0.7);
    throw new IllegalStateException("out of memory in batch 3");
  }
}
