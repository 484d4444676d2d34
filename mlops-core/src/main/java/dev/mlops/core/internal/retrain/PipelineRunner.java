package dev.mlops.core.internal.retrain;

import dev.mlops.api.ConflictException;
import dev.mlops.api.Names;
import dev.mlops.api.retrain.PipelineRun;
import dev.mlops.api.retrain.PipelineStep;
import dev.mlops.api.retrain.PipelineStepException;
import dev.mlops.api.retrain.RetrainPipeline;
import dev.mlops.api.retrain.StepContext;
import dev.mlops.api.retrain.StepRecord;
import dev.mlops.api.retrain.StepStatus;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs or resumes a pipeline run. The run's document is moved by compare-and-set before and after
 * every step, so after a crash the next call finds each step as it was: completed steps keep
 * their outputs and are not run again; a step found started (or failed) runs again.
 */
final class PipelineRunner {
  private final ObjectStore store;
  private final Clock clock;

  PipelineRunner(ObjectStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  Optional<PipelineRun> read(String pipeline, String runId) {
    String key = PipelineState.key(Names.requireValid("pipeline", pipeline), Names.requireValid("run", runId));
    return store.get(key).map(bytes -> PipelineState.decode(key, bytes.bytes()));
  }

  List<PipelineRun> list(String pipeline) {
    String prefix = PipelineState.PREFIX + Names.requireValid("pipeline", pipeline) + "/";
    List<PipelineRun> runs = new ArrayList<>();
    try (java.util.stream.Stream<dev.mlops.api.storage.ObjectInfo> keys = store.list(prefix)) {
      keys.forEach(info -> store.get(info.key())
          .ifPresent(bytes -> runs.add(PipelineState.decode(info.key(), bytes.bytes()))));
    }
    return runs;
  }

  PipelineRun run(RetrainPipeline pipeline, String runId, Map<String, String> inputs) {
    Names.requireValid("run", runId);
    inputs.keySet().forEach(k -> Names.requireValid("input", k));
    String key = PipelineState.key(pipeline.name(), runId);
    List<String> names = pipeline.steps().stream().map(PipelineStep::name).toList();
    Doc doc = open(key, pipeline, runId, Map.copyOf(inputs), names);
    Map<String, String> values = new LinkedHashMap<>(doc.run.inputs());
    for (int i = 0; i < names.size(); i++) {
      StepRecord record = doc.run.steps().get(i);
      if (record.status() == StepStatus.COMPLETED || record.status() == StepStatus.SKIPPED) {
        values.putAll(record.outputs());
        continue;
      }
      PipelineStep step = pipeline.steps().get(i);
      Context context = new Context(runId, step.name(), record.attempts() + 1, Map.copyOf(values));
      if (!step.condition().test(context)) {
        doc = write(key, doc, i, PipelineState.with(record, StepStatus.SKIPPED, record.attempts(),
            context.values, Map.of(), Optional.empty(), Optional.of(clock.instant()), Optional.empty()));
        continue;
      }
      doc = write(key, doc, i, PipelineState.with(record, StepStatus.STARTED, context.attempt,
          context.values, Map.of(), Optional.of(clock.instant()), Optional.empty(), Optional.empty()));
      Map<String, String> outputs;
      try {
        outputs = Map.copyOf(step.action().run(context));
        outputs.keySet().forEach(k -> Names.requireValid("output", k));
      } catch (Exception e) {
        StepRecord started = doc.run.steps().get(i);
        write(key, doc, i, PipelineState.with(started, StepStatus.FAILED, started.attempts(),
            started.inputs(), Map.of(), started.startedAt(), Optional.of(clock.instant()),
            Optional.of(String.valueOf(e.getMessage()))));
        throw new PipelineStepException("Step '" + step.name() + "' of pipeline '" + pipeline.name()
            + "' run '" + runId + "' failed (attempt " + context.attempt + "): " + e.getMessage()
            + "; fix the cause and run the same run id again to resume at this step", e);
      }
      StepRecord started = doc.run.steps().get(i);
      doc = write(key, doc, i, PipelineState.with(started, StepStatus.COMPLETED, started.attempts(),
          started.inputs(), outputs, started.startedAt(), Optional.of(clock.instant()), Optional.empty()));
      values.putAll(outputs);
    }
    return doc.run;
  }

  private record Doc(PipelineRun run, VersionToken token) {}

  private Doc open(String key, RetrainPipeline pipeline, String runId, Map<String, String> inputs,
      List<String> names) {
    Optional<StoredBytes> stored = store.get(key);
    if (stored.isEmpty()) {
      PipelineRun fresh = new PipelineRun(pipeline.name(), runId, inputs,
          names.stream().map(PipelineState::pending).toList(), false);
      VersionToken token = store.compareAndSet(key, VersionToken.ABSENT, PipelineState.encode(fresh))
          .orElseThrow(() -> busy(pipeline.name(), runId));
      return new Doc(fresh, token);
    }
    PipelineRun run = PipelineState.decode(key, stored.get().bytes());
    if (!run.inputs().equals(inputs)) {
      throw new ConflictException("Run '" + runId + "' of pipeline '" + pipeline.name()
          + "' was started with inputs " + run.inputs() + ", not " + inputs
          + "; resume it with the same inputs or use a new run id");
    }
    List<String> recorded = run.steps().stream().map(StepRecord::name).toList();
    if (!recorded.equals(names)) {
      throw new ConflictException("Run '" + runId + "' of pipeline '" + pipeline.name()
          + "' was started with steps " + recorded + ", not " + names
          + "; resume it with the same pipeline or use a new run id");
    }
    return new Doc(run, stored.get().token());
  }

  private Doc write(String key, Doc doc, int index, StepRecord record) {
    List<StepRecord> steps = new ArrayList<>(doc.run.steps());
    steps.set(index, record);
    boolean done = steps.stream().allMatch(
        s -> s.status() == StepStatus.COMPLETED || s.status() == StepStatus.SKIPPED);
    PipelineRun next = new PipelineRun(doc.run.pipeline(), doc.run.runId(), doc.run.inputs(), steps, done);
    VersionToken token = store.compareAndSet(key, doc.token, PipelineState.encode(next))
        .orElseThrow(() -> busy(doc.run.pipeline(), doc.run.runId()));
    return new Doc(next, token);
  }

  private static ConflictException busy(String pipeline, String runId) {
    return new ConflictException("Run '" + runId + "' of pipeline '" + pipeline + "' was advanced by"
        + " another runner meanwhile; let one runner own a run id, then read it with"
        + " Retraining.pipelineRun");
  }

  private static final class Context implements StepContext {
    private final String runId;
    private final String step;
    private final int attempt;
    private final Map<String, String> values;

    Context(String runId, String step, int attempt, Map<String, String> values) {
      this.runId = runId;
      this.step = step;
      this.attempt = attempt;
      this.values = values;
    }

    @Override
    public String runId() {
      return runId;
    }

    @Override
    public String step() {
      return step;
    }

    @Override
    public int attempt() {
      return attempt;
    }

    @Override
    public Map<String, String> values() {
      return values;
    }

    @Override
    public String value(String key) {
      String value = values.get(key);
      if (value == null) {
        throw new IllegalArgumentException("step '" + step + "' asked for '" + key
            + "', which no input or earlier step provides; available: " + values.keySet());
      }
      return value;
    }
  }
}
