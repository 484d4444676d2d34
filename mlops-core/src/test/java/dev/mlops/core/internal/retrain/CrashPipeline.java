package dev.mlops.core.internal.retrain;

import dev.mlops.api.retrain.RetrainPipeline;
import dev.mlops.api.retrain.StepContext;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.VersionToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * The five-step pipeline of the crash test, with plain step functions: each step appends its name
 * to an executions log (so the test sees what ran) and creates its output with putIfAbsent under a
 * key derived from the run id (so running it twice leaves one output). With the crash flag set,
 * training stops for a kill after creating its output, on its first attempt.
 */
final class CrashPipeline {
  private CrashPipeline() {}

  static RetrainPipeline build(ObjectStore store, Path work) {
    return RetrainPipeline.builder("retrain-churn")
        .step("prepare", c -> Map.of("dataset", output(store, work, c, "churn@v2")))
        .step("train", c -> {
          String run = output(store, work, c, "run for " + c.value("dataset"));
          if (c.attempt() == 1 && Files.exists(work.resolve("crash-in-train"))) {
            Files.writeString(work.resolve("train-started"), "");
            Thread.sleep(120_000); // the parent kills the JVM here
          }
          return Map.of("run", run);
        })
        .step("validate", c -> Map.of("validation", output(store, work, c, "passed"),
            "validation.passed", "true"))
        .step("register", c -> Map.of("model", output(store, work, c, "churn:" + c.value("run"))))
        .step("promote", c -> c.value("validation.passed").equals("true"), c -> {
          String model = c.value("model");
          String alias = "refs/test/alias/champion";
          while (store.get(alias).map(b -> new String(b.bytes(), StandardCharsets.UTF_8))
              .filter(model::equals).isEmpty()) {
            VersionToken token = store.get(alias).map(b -> b.token()).orElse(VersionToken.ABSENT);
            store.compareAndSet(alias, token, model.getBytes(StandardCharsets.UTF_8));
          }
          return Map.of("promotion", output(store, work, c, "champion -> " + model));
        })
        .build();
  }

  /** Logs the execution and creates the step's one output object; returns its key. */
  private static String output(ObjectStore store, Path work, StepContext c, String content) {
    try {
      Files.writeString(work.resolve("executions.log"), c.step() + "\n", StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String key = "test-outputs/" + c.step() + "/" + c.runId();
    store.putIfAbsent(key, content.getBytes(StandardCharsets.UTF_8));
    return key;
  }
}
