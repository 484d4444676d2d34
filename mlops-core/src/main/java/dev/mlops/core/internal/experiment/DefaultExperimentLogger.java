package dev.mlops.core.internal.experiment;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.ConflictException;
import dev.mlops.api.Names;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.experiment.ExperimentLogger;
import dev.mlops.api.experiment.MetricHistory;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunComparison;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunInput;
import dev.mlops.api.experiment.RunQuery;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.api.experiment.RunStatus;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.content.ChunkRef;
import dev.mlops.core.internal.content.ContentStore;
import dev.mlops.core.internal.content.Subject;
import dev.mlops.core.internal.lifecycle.OwnedThreads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ExperimentLogger} over an {@link ObjectStore}; see {@link RunKeys} for the layout.
 * One per {@code MlOps}: it keeps the runs it started live until they are closed, and
 * {@link #close()} flushes and ends those still open. Its threads (a run's segment writes, the
 * metric clock) come from the owner's {@link OwnedThreads}.
 */
public final class DefaultExperimentLogger implements ExperimentLogger, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultExperimentLogger.class);
  private final ObjectStore store;
  private final RunDocs docs;
  private final RunSearch search;
  private final ExperimentNames names;
  private final Executor executor;
  private final Clock clock;
  private final MeterRegistry meters;
  private final TrackerSettings settings;
  private final ContentStore content;
  private final OwnedThreads threads;
  private final boolean ownsThreads;
  private final MetricClock.Ticker ticker;
  private final Set<LiveRun> live = ConcurrentHashMap.newKeySet();
  private boolean closed; // guarded by live

  /**
   * Creates a logger with threads of its own, which {@link #close()} waits for.
   *
   * @param store the store
   * @param executor runs one writer task per live run (and a sampler if asked for)
   * @param clock where metric and run timestamps come from
   * @param meters where {@code mlops.metrics.*} meters go
   * @param settings flush and heartbeat timing
   */
  public DefaultExperimentLogger(ObjectStore store, Executor executor, Clock clock,
      MeterRegistry meters, TrackerSettings settings) {
    this(store, executor, clock, meters, settings, new OwnedThreads(), true);
  }

  /**
   * Creates the logger of an {@code MlOps}.
   *
   * @param store the store
   * @param executor runs one writer task per live run (and a sampler if asked for)
   * @param clock where metric and run timestamps come from
   * @param meters where {@code mlops.metrics.*} meters go
   * @param threads makes the logger's own threads; its owner waits for them when it closes
   * @return the logger
   */
  public static DefaultExperimentLogger of(ObjectStore store, Executor executor, Clock clock,
      MeterRegistry meters, OwnedThreads threads) {
    return new DefaultExperimentLogger(store, executor, clock, meters, TrackerSettings.DEFAULTS,
        threads, false);
  }

  private DefaultExperimentLogger(ObjectStore store, Executor executor, Clock clock,
      MeterRegistry meters, TrackerSettings settings, OwnedThreads threads, boolean ownsThreads) {
    this.threads = requireNonNull(threads, "threads");
    this.ownsThreads = ownsThreads;
    this.ticker = new MetricClock.Ticker(threads.named("mlops-clock"));
    this.store = requireNonNull(store, "store");
    this.docs = new RunDocs(store);
    this.names = new ExperimentNames(store);
    this.search = new RunSearch(docs, names);
    this.executor = requireNonNull(executor, "executor");
    this.clock = requireNonNull(clock, "clock");
    this.meters = requireNonNull(meters, "meters");
    this.settings = requireNonNull(settings, "settings");
    this.content = new ContentStore(store);
  }

  /** Below this many points per requested point, a downsample reads every point. */
  private static final int FULL_READ_FACTOR = 64;

  @Override
  public Run start(RunSpec spec) {
    requireNonNull(spec, "spec");
    requireOpen();
    spec.parentId().ifPresent(parent -> docs.require(parent));
    store.putIfAbsent(RunKeys.experiment(spec.experiment()), new byte[0]);
    names.requireNotRenamed(spec.experiment());
    RunDoc doc = new RunDoc();
    doc.experiment = spec.experiment();
    doc.startedAt = clock.millis();
    doc.parentId = spec.parentId().orElse(null);
    doc.heartbeatTimeoutMillis = settings.heartbeatTimeout().toMillis();
    doc.params.putAll(spec.params());
    doc.tags.putAll(spec.tags());
    for (RunInput input : spec.inputs()) {
      RunDoc.Input stored = new RunDoc.Input();
      stored.dataset = input.dataset().dataset();
      stored.versionId = input.dataset().versionId();
      stored.role = input.role();
      doc.inputs.add(stored);
    }
    GitInfo.read(spec.codeDirectory().orElse(Path.of(""))).ifPresent(code -> {
      doc.code = new RunDoc.Code();
      doc.code.commit = code.commit();
      doc.code.branch = code.branch().orElse(null);
      doc.code.dirty = code.dirty();
    });
    doc.environment.putAll(EnvironmentInfo.capture());
    doc.seeds.putAll(spec.seeds());
    do {
      doc.id = newId();
      doc.name = spec.name().isEmpty() ? "run-" + doc.id.substring(doc.id.length() - 8) : spec.name();
    } while (!docs.create(doc));
    return open(doc, spec, 0);
  }

  @Override
  public Run resume(String runId) {
    requireNonNull(runId, "runId");
    requireOpen();
    RunDoc current = docs.require(runId);
    RunDoc checked = docs.checkLiveness(current, docs.lastSign(runId), Instant.now());
    if (checked.status == RunStatus.RUNNING) {
      throw new ConflictException("Run " + runId + " is still running in another process (its"
          + " heartbeat is fresh); each run has one writer. Wait for it to end, or for "
          + checked.heartbeatTimeoutMillis + " ms of silence after its process died");
    }
    RunDoc doc = docs.update(runId, d -> {
      d.status = RunStatus.RUNNING;
      d.endedAt = null;
      d.failure = null;
      d.heartbeatTimeoutMillis = settings.heartbeatTimeout().toMillis();
    });
    long segments;
    try (Stream<ObjectInfo> list = store.list(RunKeys.segmentPrefix(runId))) {
      segments = list.count();
    }
    RunSpec spec = RunSpec.builder().experiment(doc.experiment).build();
    return open(doc, spec, segments);
  }

  private Run open(RunDoc doc, RunSpec spec, long firstSeq) {
    Counter dropped = Counter.builder("mlops.metrics.dropped")
        .description("metric points dropped by back-pressure")
        .tag("policy", spec.backpressure().name()).register(meters);
    Counter segments = Counter.builder("mlops.metrics.segments")
        .description("metric segments written").register(meters);
    Counter bytes = Counter.builder("mlops.metrics.segment.bytes")
        .description("bytes of metric segments written").baseUnit("bytes").register(meters);
    SegmentWriter[] writer = new SegmentWriter[1];
    MetricBuffer buffer = new MetricBuffer(spec.bufferCapacity(), spec.backpressure(),
        doc.lastSteps, () -> writer[0].wake(), dropped);
    writer[0] = new SegmentWriter(doc.id, store, buffer, settings, firstSeq, segments, bytes,
        threads.named("mlops-segment-io-" + doc.id));
    MetricClock metricClock = ticker.forRun(clock); // released by the run's close()
    LiveRun run = new LiveRun(doc.id, docs, buffer, writer[0], content, clock, metricClock, null,
        live::remove);
    SystemMetricsSampler sampler = null;
    if (spec.systemMetricsInterval().isPresent()) {
      sampler = new SystemMetricsSampler(run, spec.systemMetricsInterval().get());
      run = new LiveRun(doc.id, docs, buffer, writer[0], content, clock, metricClock, sampler,
          live::remove);
    }
    synchronized (live) {
      if (closed) {
        metricClock.release();
        throw closedException();
      }
      live.add(run);
    }
    try {
      executor.execute(writer[0]);
      if (sampler != null) {
        executor.execute(sampler);
      }
    } catch (RuntimeException e) { // a host's executor that refuses work
      live.remove(run);
      metricClock.release();
      throw e;
    }
    return run;
  }

  /**
   * Flushes and ends every run of this logger still open (FINISHED, or FAILED after
   * {@link Run#fail}), then refuses new runs. Idempotent.
   *
   * @throws RuntimeException the first run's failure to flush, the others suppressed in it
   */
  @Override
  public void close() {
    List<LiveRun> open;
    synchronized (live) {
      if (closed) {
        return;
      }
      closed = true;
      open = List.copyOf(live);
    }
    RuntimeException failure = null;
    for (LiveRun run : open) {
      LOG.info("run {} was still open when its MlOps closed: flushing it and ending it", run.id());
      try {
        run.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (ownsThreads) {
      threads.close(java.time.Duration.ofMinutes(1));
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void requireOpen() {
    synchronized (live) {
      if (closed) {
        throw closedException();
      }
    }
  }

  private static IllegalStateException closedException() {
    return new IllegalStateException("this experiment logger's MlOps was closed; open a new MlOps"
        + " to start or resume runs");
  }

  @Override
  public RunInfo resolve(String idOrPrefix) {
    requireNonNull(idOrPrefix, "idOrPrefix");
    return run(idOrPrefix).or(() -> run(docs.idWithPrefix(idOrPrefix)))
        .orElseThrow(() -> RunDocs.notFound(idOrPrefix));
  }

  @Override
  public Optional<RunInfo> run(String runId) {
    requireNonNull(runId, "runId");
    if (!Names.isValid(runId)) {
      return Optional.empty();
    }
    return docs.read(runId)
        .map(doc -> names.current(docs.checkLiveness(doc, docs.lastSign(runId), Instant.now()).toInfo()));
  }

  @Override
  public void purge(String runId) {
    requireNonNull(runId, "runId");
    RunDoc doc = docs.checkLiveness(docs.require(runId), docs.lastSign(runId), Instant.now());
    if (doc.status == RunStatus.RUNNING) {
      throw new ConflictException("Run " + runId + " is live (its heartbeat is fresh); end it with"
          + " Run.close() first, or wait for " + doc.heartbeatTimeoutMillis + " ms of silence"
          + " after its process died");
    }
    // The document first: the run is gone in one step, and what a crash leaves after it is
    // unreachable, so garbage collection removes it (RunGcRoots).
    store.delete(RunKeys.run(runId));
    store.delete(RunKeys.heartbeat(runId));
    try (Stream<ObjectInfo> segments = store.list(RunKeys.segmentPrefix(runId))) {
      segments.map(ObjectInfo::key).toList().forEach(store::delete);
    }
  }

  @Override
  public List<RunInfo> search(RunQuery query) {
    return search.search(requireNonNull(query, "query"));
  }

  @Override
  public List<String> experiments() {
    try (Stream<ObjectInfo> list = store.list(RunKeys.EXPERIMENTS)) {
      // each listed name by its current one: a rename completed just now may have made a name
      // that the listing, taken before, does not hold
      return list.map(info -> info.key().substring(RunKeys.EXPERIMENTS.length()))
          .filter(name -> name.indexOf('/') < 0).map(names::current).distinct().sorted()
          .collect(Collectors.toList());
    }
  }

  @Override
  public void renameExperiment(String experiment, String newName) {
    requireNonNull(experiment, "experiment");
    requireNonNull(newName, "newName");
    names.rename(experiment, newName);
  }

  @Override
  public MetricHistory history(String runId, String key) {
    requireRun(runId);
    Names.requireValidKey("metric key", key);
    SegmentReader.Columns c = SegmentReader.read(store, runId, key);
    return MetricHistory.of(key, c.steps(), c.times(), c.values());
  }

  @Override
  public MetricHistory history(String runId, String key, int maxPoints) {
    if (maxPoints < 3) {
      throw new IllegalArgumentException("maxPoints must be at least 3, got " + maxPoints);
    }
    requireRun(runId);
    Names.requireValidKey("metric key", key);
    SegmentReader.Preview preview = SegmentReader.preview(store, runId, key);
    if (preview.totalCount() <= (long) FULL_READ_FACTOR * maxPoints) {
      return Downsampler.lttb(key, SegmentReader.read(store, runId, key), maxPoints);
    }
    // long histories: LTTB over the segments' min/max previews, reading a few KiB per segment
    return Downsampler.lttb(key, preview.columns(), maxPoints);
  }

  @Override
  public RunComparison compare(List<String> runIds) {
    if (runIds.isEmpty()) {
      throw new IllegalArgumentException("compare needs at least one run id");
    }
    List<RunInfo> runs = new ArrayList<>();
    for (String id : runIds) {
      runs.add(run(id).orElseThrow(() -> RunDocs.notFound(id)));
    }
    Set<String> params = new TreeSet<>();
    Set<String> metrics = new TreeSet<>();
    runs.forEach(r -> {
      params.addAll(r.params().keySet());
      metrics.addAll(r.latestMetrics().keySet());
    });
    Set<String> diffParams = new TreeSet<>();
    for (String p : params) {
      if (runs.stream().map(r -> r.params().get(p)).distinct().count() > 1) {
        diffParams.add(p);
      }
    }
    Set<String> diffMetrics = new TreeSet<>();
    for (String m : metrics) {
      // Double.equals treats NaN as equal to NaN, so two NaN results do not count as a difference
      if (runs.stream().map(r -> r.latestMetrics().get(m)).distinct().count() > 1) {
        diffMetrics.add(m);
      }
    }
    return new RunComparison(runs, List.copyOf(params), List.copyOf(metrics), diffParams,
        diffMetrics);
  }

  @Override
  public InputStream openArtifact(String runId, String path) {
    RunInfo run = requireRun(runId);
    return run.artifacts().stream().filter(a -> a.path().equals(path)).findFirst()
        .map(a -> content.open(new ChunkRef(a.sha256(), a.size()), new Subject("artifact '" + path
            + "' of run " + runId, "restore the object from a replica or log the artifact again")))
        .orElseThrow(() -> new NotFoundException("Run " + runId + " has no artifact '" + path
            + "'; its artifacts are " + run.artifacts().stream().map(a -> a.path())
            .collect(Collectors.toList())));
  }

  private RunInfo requireRun(String runId) {
    requireNonNull(runId, "runId");
    return run(runId).orElseThrow(() -> RunDocs.notFound(runId));
  }

  /** Time-ordered ids: 12 hex digits of epoch milliseconds, then 8 random hex digits. */
  private String newId() {
    return String.format("%012x%08x", clock.millis(), ThreadLocalRandom.current().nextInt());
  }
}
