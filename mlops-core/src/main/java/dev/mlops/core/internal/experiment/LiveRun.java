package dev.mlops.core.internal.experiment;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.ConflictException;
import dev.mlops.api.Names;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunStatus;
import dev.mlops.api.experiment.Run;
import dev.mlops.core.internal.content.ChunkRef;
import dev.mlops.core.internal.content.ContentStore;
import dev.mlops.core.internal.content.ContentWrite;
import dev.mlops.core.internal.content.SourceFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** A run being logged in this process: the hot path goes to the buffer, the rest to the doc. */
final class LiveRun implements Run {
  private final String id;
  private final RunDocs docs;
  private final MetricBuffer buffer;
  private final SegmentWriter writer;
  private final ContentStore content;
  private final Clock clock;
  private final MetricClock metricClock;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final @Nullable SystemMetricsSampler sampler;
  private final Consumer<LiveRun> onClosed;
  private volatile @Nullable Throwable failure;
  /** The status {@link #end} asked for; null: FINISHED, or FAILED after {@link #fail}. */
  private volatile @Nullable RunStatus requested;

  LiveRun(String id, RunDocs docs, MetricBuffer buffer, SegmentWriter writer, ContentStore content,
      Clock clock, MetricClock metricClock, @Nullable SystemMetricsSampler sampler,
      Consumer<LiveRun> onClosed) {
    this.id = id;
    this.docs = docs;
    this.buffer = buffer;
    this.writer = writer;
    this.content = content;
    this.clock = clock;
    this.metricClock = metricClock;
    this.sampler = sampler;
    this.onClosed = onClosed;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public void param(String key, String value) {
    Names.requireValidKey("param key", key);
    requireNonNull(value, "value");
    requireOpen();
    docs.update(id, doc -> {
      String existing = doc.params.get(key);
      if (existing != null && !existing.equals(value)) {
        throw new ConflictException("Param '" + key + "' of run " + id + " is already '"
            + existing + "'; params are set once. Use a new key, or a tag for values that change");
      }
      doc.params.put(key, value);
    });
  }

  @Override
  public void tag(String key, String value) {
    Names.requireValidKey("tag key", key);
    requireNonNull(value, "value");
    requireOpen();
    docs.update(id, doc -> doc.tags.put(key, value));
  }

  @Override
  public void log(String key, double value) {
    buffer.add(key, value, -1, metricClock.millis());
  }

  @Override
  public void log(String key, double value, long step) {
    if (step < 0) {
      throw new IllegalArgumentException("step must not be negative, got " + step);
    }
    buffer.add(key, value, step, metricClock.millis());
  }

  @Override
  public void log(String key, double value, long step, Instant time) {
    if (step < 0) {
      throw new IllegalArgumentException("step must not be negative, got " + step);
    }
    buffer.add(key, value, step, requireNonNull(time, "time").toEpochMilli());
  }

  @Override
  public void artifact(String path, Path source) {
    requireOpen();
    checkArtifactPath(path);
    Map<String, Path> files = new TreeMap<>();
    SortedMap<String, Path> found = SourceFiles.of(source, "artifact source");
    found.forEach((relative, file) -> files.put(relative.isEmpty() ? path : path + "/" + relative, file));
    files.keySet().forEach(LiveRun::checkArtifactPath); // every name is valid before anything is stored
    try (ContentWrite write = content.beginWrite("artifact " + path + " of run " + id)) {
      Map<String, RunDoc.Artifact> stored = new TreeMap<>();
      files.forEach((artifactPath, file) -> {
        ChunkRef object = write.putFile(file);
        RunDoc.Artifact artifact = new RunDoc.Artifact();
        artifact.sha256 = object.sha256();
        artifact.size = object.size();
        stored.put(artifactPath, artifact);
      });
      write.publishing();
      docs.update(id, doc -> doc.artifacts.putAll(stored));
    }
  }

  private static void checkArtifactPath(String path) {
    for (String segment : path.split("/", -1)) {
      Names.requireValid("artifact path segment", segment);
    }
  }

  @Override
  public long droppedPoints() {
    return buffer.dropped();
  }

  @Override
  public void flush() {
    long target = buffer.sealForFlush();
    writer.wake();
    buffer.awaitWritten(target);
    publishLatest(null, null);
  }

  @Override
  public void fail(Throwable cause) {
    failure = requireNonNull(cause, "cause");
  }

  @Override
  public void end(RunStatus status) {
    requireNonNull(status, "status");
    if (!status.isTerminal()) {
      throw new IllegalArgumentException("a run ends FINISHED, FAILED or KILLED, got " + status
          + "; a run is RUNNING until it ends");
    }
    if (!closed.get()) {
      requested = status;
    }
    close();
  }

  @Override
  public RunInfo info() {
    return docs.require(id).toInfo();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (sampler != null) {
      sampler.stop();
    }
    RuntimeException flushFailure = null;
    try {
      flush();
    } catch (RuntimeException e) {
      flushFailure = e;
    }
    buffer.close();
    writer.stop();
    while (!writer.isDone()) {
      LockSupport.parkNanos(1_000_000L);
    }
    metricClock.release();
    Throwable cause = failure != null ? failure : flushFailure;
    RunStatus status = flushFailure != null ? RunStatus.FAILED : requested != null ? requested
        : cause == null ? RunStatus.FINISHED : RunStatus.FAILED;
    try {
      publishLatest(status, status == RunStatus.FAILED ? cause : null);
    } finally {
      onClosed.accept(this);
    }
    if (flushFailure != null) {
      throw flushFailure;
    }
  }

  private void publishLatest(@Nullable RunStatus end, @Nullable Throwable cause) {
    var latest = writer.latest();
    var steps = writer.lastSteps();
    docs.update(id, doc -> {
      latest.forEach((k, v) -> doc.latestMetrics.put(k, Double.toString(v)));
      doc.lastSteps.putAll(steps);
      if (end != null) {
        doc.status = end;
        doc.endedAt = clock.millis();
        if (cause != null) {
          doc.failure = cause.toString();
        }
      } else if (doc.status == RunStatus.KILLED) {
        doc.status = RunStatus.RUNNING; // we are alive: a reader misjudged a long pause
        doc.endedAt = null;
        doc.failure = null;
      }
    });
  }

  private void requireOpen() {
    if (closed.get()) {
      throw new IllegalStateException("run " + id + " is closed; resume it to change it");
    }
  }
}
