package dev.mlops.server.mlflow;

import dev.mlops.api.ConflictException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.experiment.ExperimentLogger;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The runs MLflow clients are writing: each one's {@link Run} stays open here from
 * {@code runs/create} until {@code runs/update} ends it, so metric points go through the run's
 * buffer into its columnar segments like points logged from Java. Points are buffered; a read
 * through this API flushes the run first, so a client sees what it logged (MLflow's
 * read-your-writes), while the logging itself does not wait for I/O.
 */
final class LiveRuns {
  private final ExperimentLogger logger;
  private final Map<String, Live> live = new ConcurrentHashMap<>();
  /** Serializes writes to runs that are not live here (resume, write, end again). */
  private final Object resuming = new Object();

  LiveRuns(ExperimentLogger logger) {
    this.logger = logger;
  }

  void started(Run run) {
    live.put(run.id(), new Live(run));
  }

  /**
   * Writes to a run: the live one, or, for a run that ended (or lives in another process that
   * died), resumes it, writes and ends it again with its status. MLflow lets clients write to
   * ended runs; we keep its end status but its end time becomes now.
   */
  void write(String runId, Consumer<Run> change) {
    Live current = live.get(runId);
    if (current != null) {
      change.accept(current.run);
      current.dirty = true;
      return;
    }
    synchronized (resuming) {
      current = live.get(runId);
      if (current != null) {
        change.accept(current.run);
        current.dirty = true;
        return;
      }
      RunInfo before = logger.run(runId).orElseThrow(() -> missing(runId));
      Run run = resume(runId);
      try {
        change.accept(run);
      } finally {
        end(run, before.status() == RunStatus.RUNNING ? RunStatus.FINISHED : before.status());
      }
    }
  }

  private Run resume(String runId) {
    try {
      return logger.resume(runId);
    } catch (NotFoundException e) {
      throw missing(runId);
    } catch (ConflictException e) {
      throw ApiError.invalidState(e.getMessage());
    }
  }

  /** Ends a run with an MLflow status; a run not live here is resumed to be ended. */
  void end(String runId, RunStatus status) {
    Live current = live.remove(runId);
    if (current != null) {
      end(current.run, status);
      return;
    }
    synchronized (resuming) {
      RunInfo info = logger.run(runId).orElseThrow(() -> missing(runId));
      if (info.status() == status) {
        return;
      }
      end(resume(runId), status);
    }
  }

  private static void end(Run run, RunStatus status) {
    if (status == RunStatus.FAILED) {
      run.fail(new IllegalStateException("ended by an MLflow client with status FAILED"));
    }
    run.end(status);
  }

  /** Flushes a live run's buffered points, if it has any, so reads see them. */
  void flush(String runId) {
    Live current = live.get(runId);
    if (current != null && current.dirty) {
      current.dirty = false;
      current.run.flush();
    }
  }

  /** Flushes every live run with buffered points (before a search). */
  void flushAll() {
    live.keySet().forEach(this::flush);
  }

  boolean isLive(String runId) {
    return live.containsKey(runId);
  }

  /**
   * The lifecycle of a run live here, known without reading the store (writes check it on every
   * request); null when the run is not live here.
   */
  @Nullable Boolean deleted(String runId) {
    Live current = live.get(runId);
    return current == null ? null : current.deleted;
  }

  /** Records a delete or restore of a run live here. */
  void setDeleted(String runId, boolean deleted) {
    Live current = live.get(runId);
    if (current != null) {
      current.deleted = deleted;
    }
  }

  static ApiError missing(String runId) {
    return ApiError.notFound("Run '" + runId + "' not found");
  }

  private static final class Live {
    final Run run;
    volatile boolean dirty;
    volatile boolean deleted;

    Live(Run run) {
      this.run = run;
    }
  }
}
