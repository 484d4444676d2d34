package dev.mlops.core.internal.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.retrain.PipelineRun;
import dev.mlops.api.retrain.StepRecord;
import dev.mlops.api.retrain.StepStatus;
import dev.mlops.core.MlOps;
import dev.mlops.core.internal.content.Sha256;
import dev.mlops.core.testing.ChildJvm;
import dev.mlops.core.testing.KillCampaign;
import dev.mlops.core.testing.StoreChecks;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments of a child that runs retrain pipeline runs one after the other
 * ({@link ResumingPipelineChild}, 20 kills); each child resumes the run the last one left. After
 * each kill the store verifies, every run's steps read as completed ones, then at most one started
 * or failed, then pending ones; every completed step's outputs (a dataset version, a run with its
 * artifact, a score, a drift profile) read back byte for byte; every acknowledged run is complete;
 * and no step that the store recorded as completed ever ran again.
 */
class KilledPipelineCampaignTest {
  private static final int KILLS = 20;
  private static final String RERUNS = "completed steps run again";

  @TempDir Path dir;

  @Test
  @DisplayName("20 kills during retrain pipelines: each resumes, completed steps never run twice")
  void killedPipelines() throws Exception {
    Path store = dir.resolve("store");
    long[] nextRun = {0};
    Set<String> completed = new HashSet<>(); // "<run> <step>" recorded completed at a check
    Set<String> executed = new HashSet<>();
    int[] executionsSeen = {0};
    KillCampaign.Figures figures = KillCampaign.run("retrain pipeline resume", KILLS,
        Duration.ofMillis(1000), dir,
        (round, out) -> ChildJvm.start(ResumingPipelineChild.class, out, Map.of(),
            store.toString(), dir.toString(), Long.toString(nextRun[0])),
        (round, lines, tally) -> {
          List<String> executions = ChildJvm.lines(dir.resolve("executions.log"));
          for (String line : executions.subList(executionsSeen[0], executions.size())) {
            String step = line.substring("START ".length());
            tally.count(RERUNS, completed.contains(step) ? 1 : 0);
            tally.count("unfinished steps run again", executed.add(step) ? 0 : 1);
          }
          executionsSeen[0] = executions.size();
          try (MlOps mlops = MlOps.local(store)) {
            tally.torn(StoreChecks.problems(mlops));
            for (PipelineRun run
                : mlops.retraining().pipelineRuns(ResumingPipelineChild.PIPELINE)) {
              checkRun(mlops, run, completed, tally);
            }
            for (String line : lines) {
              if (line.startsWith("COMPLETED ")) {
                String id = line.substring("COMPLETED ".length());
                tally.acked(1);
                if (!mlops.retraining().pipelineRun(ResumingPipelineChild.PIPELINE, id)
                    .map(PipelineRun::completed).orElse(false)) {
                  tally.lost("acknowledged run " + id + " is not complete");
                }
              }
            }
            while (mlops.retraining().pipelineRun(ResumingPipelineChild.PIPELINE, "r" + nextRun[0])
                .map(PipelineRun::completed).orElse(false)) {
              nextRun[0]++;
            }
          }
        });
    assertEquals(0L, figures.counts().getOrDefault(RERUNS, 0L), figures.summary());
  }

  /** Checks a run's shape, and the outputs of each step that completed since the last check. */
  private static void checkRun(MlOps mlops, PipelineRun run, Set<String> completed,
      KillCampaign.Tally tally) throws Exception {
    List<StepStatus> statuses = run.steps().stream().map(StepRecord::status).toList();
    StringBuilder shape = new StringBuilder(); // one letter per step; SKIPPED cannot occur here
    statuses.forEach(s -> shape.append(s == StepStatus.STARTED ? 'S' : s == StepStatus.FAILED ? 'F'
        : s == StepStatus.COMPLETED ? 'C' : s == StepStatus.PENDING ? 'P' : '?'));
    if (!shape.toString().matches("C*[SF]?P*")) {
      tally.torn(run.runId() + " has steps " + statuses);
    }
    long k = Long.parseLong(run.inputs().get("k"));
    for (StepRecord step : run.steps()) {
      if (step.status() == StepStatus.COMPLETED && completed.add(run.runId() + " " + step.name())) {
        try {
          if (!outputsReadBack(mlops, step, k)) {
            tally.lost(run.runId() + " " + step.name() + " outputs " + step.outputs());
          }
        } catch (MlOpsException e) {
          tally.lost(run.runId() + " " + step.name() + ": " + e.getMessage());
        }
      }
    }
  }

  private static boolean outputsReadBack(MlOps mlops, StepRecord step, long k) throws Exception {
    Map<String, String> out = step.outputs();
    switch (step.name()) {
      case "prepare":
        try (InputStream in = mlops.datasets().open(out.get("dataset"), "data.bin")) {
          return Arrays.equals(ResumingPipelineChild.bytes("data", k), in.readAllBytes());
        }
      case "train":
        try (InputStream in = mlops.experiments().openArtifact(out.get("run"), "weights.bin")) {
          return Arrays.equals(ResumingPipelineChild.bytes("weights", k), in.readAllBytes());
        }
      case "evaluate":
        return out.get("score").equals(Sha256.hex(ResumingPipelineChild.bytes("weights", k)));
      case "publish":
        return out.get("profile.sha256").equals(
            Sha256.hex(mlops.drift().loadProfile(out.get("profile")).toBytes()));
      default:
        throw new AssertionError("unknown step " + step.name());
    }
  }
}
