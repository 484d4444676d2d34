package dev.mlops.api.retrain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The recorded state of one step in a pipeline run, with its lineage: the values it saw and the
 * outputs it produced.
 *
 * @param name the step
 * @param status where it stands
 * @param attempts how many times it started
 * @param inputs the values available when it last started
 * @param outputs what it produced (empty unless completed)
 * @param startedAt when it last started, if ever
 * @param endedAt when it last finished, if it did
 * @param error the failure's message, if it failed
 */
public record StepRecord(
    String name,
    StepStatus status,
    int attempts,
    Map<String, String> inputs,
    Map<String, String> outputs,
    Optional<Instant> startedAt,
    Optional<Instant> endedAt,
    Optional<String> error) {
  /**
   * Creates the value; maps are copied.
   *
   * @param name the step
   * @param status the status
   * @param attempts the attempts
   * @param inputs the inputs
   * @param outputs the outputs
   * @param startedAt the start, or empty
   * @param endedAt the end, or empty
   * @param error the error, or empty
   */
  public StepRecord {
    requireNonNull(name, "name");
    requireNonNull(status, "status");
    inputs = Map.copyOf(inputs);
    outputs = Map.copyOf(outputs);
    requireNonNull(startedAt, "startedAt");
    requireNonNull(endedAt, "endedAt");
    requireNonNull(error, "error");
  }
}
