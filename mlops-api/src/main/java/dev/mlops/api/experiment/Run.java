package dev.mlops.api.experiment;

import dev.mlops.api.ConflictException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A live run, used as try-with-resources around training code. Metric calls never block on I/O:
 * points go into a bounded buffer that a background writer turns into compact immutable segments.
 * Thread-safe.
 *
 * <pre>{@code
 * try (Run run = mlops.experiments().start(RunSpec.builder().experiment("weather").build())) {
 *   for (int epoch = 0; epoch < 10; epoch++) {
 *     run.log("loss", loss(epoch), epoch);
 *   }
 * } // FINISHED, or FAILED if an exception escaped
 * }</pre>
 */
public interface Run extends AutoCloseable {
  /**
   * Returns the run's id.
   *
   * @return the id
   */
  String id();

  /**
   * Sets a parameter. Setting the same value again is allowed; a different value is an error.
   *
   * @param key a key valid under {@link dev.mlops.api.Names#isValidKey}
   * @param value the value
   * @throws ConflictException if the key already has a different value
   */
  void param(String key, String value);

  /**
   * Sets or replaces a tag.
   *
   * @param key a key valid under {@link dev.mlops.api.Names#isValidKey}
   * @param value the value
   */
  void tag(String key, String value);

  /**
   * Logs a metric value at the next step of its key, timestamped now. NaN and infinities are
   * stored as given.
   *
   * @param key a key valid under {@link dev.mlops.api.Names#isValidKey}
   * @param value the value
   * @throws IllegalStateException if the run is closed
   */
  void log(String key, double value);

  /**
   * Logs a metric value at a step, timestamped now.
   *
   * @param key a key valid under {@link dev.mlops.api.Names#isValidKey}
   * @param value the value
   * @param step the step (epoch, batch, ...), not negative
   * @throws IllegalStateException if the run is closed
   */
  void log(String key, double value, long step);

  /**
   * Logs a metric value at a step with the time it was measured, for points timed elsewhere (an
   * MLflow client sends its own timestamp with each point, a replay keeps the original times).
   * The time is stored as given, to the millisecond; points need not come in time order.
   *
   * @param key a key valid under {@link dev.mlops.api.Names#isValidKey}
   * @param value the value
   * @param step the step (epoch, batch, ...), not negative
   * @param time when the value was measured
   * @throws IllegalStateException if the run is closed
   */
  void log(String key, double value, long step, Instant time);

  /**
   * Attaches a file or directory as an artifact, stored as deduplicated content.
   *
   * @param path where it goes among the run's artifacts, {@code /}-separated segments valid under
   *     {@link dev.mlops.api.Names}; a directory's files go below it
   * @param source the file or directory on disk
   */
  void artifact(String path, Path source);

  /**
   * Returns how many metric points back-pressure dropped so far (always 0 under
   * {@link BackpressurePolicy#BLOCK}).
   *
   * @return the count of dropped points
   */
  long droppedPoints();

  /**
   * Returns when everything logged before this call is durable.
   *
   * @throws dev.mlops.api.StorageUnavailableException if the writer could not store it
   */
  void flush();

  /**
   * Marks the run failed; {@link #close()} then records FAILED with the cause.
   *
   * @param cause why it failed
   */
  void fail(Throwable cause);

  /**
   * Ends the run with a chosen status, as {@link #close()} does otherwise: {@code FINISHED},
   * {@code FAILED} (as after {@link #fail}, without a cause), or {@code KILLED} (stopped on purpose,
   * as an MLflow client marks a run it cancels). A failure to store the last points still ends it
   * {@code FAILED}. Idempotent with {@link #close()}: the first of them decides.
   *
   * @param status FINISHED, FAILED or KILLED
   * @throws IllegalArgumentException if {@code status} is RUNNING
   */
  void end(RunStatus status);

  /**
   * Returns a snapshot of the run as stored now.
   *
   * @return the run's info
   */
  RunInfo info();

  /** Flushes and ends the run: FINISHED, or FAILED after {@link #fail}. Idempotent. */
  @Override
  void close();
}
