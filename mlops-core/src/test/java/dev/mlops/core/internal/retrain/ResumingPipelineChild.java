package dev.mlops.core.internal.retrain;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.drift.Sample;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.api.retrain.RetrainPipeline;
import dev.mlops.api.retrain.StepContext;
import dev.mlops.core.MlOps;
import dev.mlops.core.internal.content.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Random;

/**
 * The child JVM of {@link KilledPipelineCampaignTest}: {@code <store> <work dir> <first k>} runs
 * (or resumes) pipeline runs {@code r<k>}, {@code r<k+1>}, ... of {@link #pipeline}, printing
 * {@code COMPLETED r<k>} after each run returned complete, and {@code READY} after the first (so
 * that the kill lands in the steady state, whatever the machine's load). Every
 * step appends {@code START <run> <step>} to {@code executions.log} before it works, so the test
 * sees every execution; the steps do real work on the store: a dataset commit, a run with metrics
 * and an artifact, a read of that artifact, a saved drift profile (with its SHA-256).
 */
public final class ResumingPipelineChild {
  static final String PIPELINE = "campaign";

  private ResumingPipelineChild() {}

  public static void main(String[] args) {
    Path work = Path.of(args[1]);
    try (MlOps mlops = MlOps.local(Path.of(args[0]))) {
      RetrainPipeline pipeline = pipeline(mlops, work);
      long first = Long.parseLong(args[2]);
      for (long k = first; ; k++) {
        mlops.retraining().run(pipeline, "r" + k, Map.of("k", Long.toString(k)));
        System.out.println("COMPLETED r" + k);
        if (k == first) {
          System.out.println("READY");
        }
      }
    }
  }

  /** The bytes of run k's data file and of its trained weights. */
  static byte[] bytes(String what, long k) {
    byte[] bytes = new byte[32 * 1024];
    new Random(what.hashCode() * 1_000_003L + k).nextBytes(bytes);
    return bytes;
  }

  /** The drift sample run k profiles. */
  static Sample sample(long k) {
    double[] values = new Random(k).doubles(500).toArray();
    return Sample.builder().numeric("x", values).build();
  }

  static RetrainPipeline pipeline(MlOps mlops, Path work) {
    return RetrainPipeline.builder(PIPELINE)
        .step("prepare", c -> {
          long k = started(work, c);
          Path file = Files.write(work.resolve("data-" + c.runId()), bytes("data", k));
          return Map.of("dataset", mlops.datasets().commit(CommitRequest.builder()
              .dataset("pipe").head(c.runId()).add("data.bin", file).build()).ref().toString());
        })
        .step("train", c -> {
          long k = started(work, c);
          try (Run run = mlops.experiments().start(RunSpec.builder().experiment("pipe")
              .param("dataset", c.value("dataset")).build())) {
            for (int i = 0; i < 200; i++) {
              run.log("loss", 1.0 / (i + 1), i);
            }
            run.artifact("weights.bin", Files.write(work.resolve("weights-" + c.runId()),
                bytes("weights", k)));
            return Map.of("run", run.id());
          }
        })
        .step("evaluate", c -> {
          started(work, c);
          try (InputStream in = mlops.experiments().openArtifact(c.value("run"), "weights.bin")) {
            return Map.of("score", Sha256.hex(in.readAllBytes()));
          }
        })
        .step("publish", c -> {
          long k = started(work, c);
          ReferenceProfile profile = mlops.drift().profile(sample(k)); // sketches draw at random
          mlops.drift().saveProfile("pipe-" + c.runId(), profile);
          return Map.of("profile", "pipe-" + c.runId(), "profile.sha256",
              Sha256.hex(profile.toBytes()));
        })
        .build();
  }

  /** Logs the execution (one write, so a kill cannot cut the line) and returns the run's k. */
  private static long started(Path work, StepContext c) throws IOException {
    Files.writeString(work.resolve("executions.log"), "START " + c.runId() + " " + c.step() + "\n",
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return Long.parseLong(c.value("k"));
  }
}
