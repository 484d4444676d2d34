package dev.mlops.api.retrain;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a policy would have done on a replayed stream. A retrain is a detection when it is the
 * first after a true change and before the next one; every other retrain is a false alarm.
 *
 * @param policy the policy's name
 * @param windows how many windows were replayed
 * @param retrains when the policy would have fired
 * @param detections one per true change
 * @param falseAlarms retrains that answer no change
 * @param timeUnderDrift summed time from each change to its detection (or to the last window when
 *     missed): how long the model served drifted data
 * @param decisions every window's decision, in order
 */
public record BacktestReport(
    String policy,
    int windows,
    List<Instant> retrains,
    List<Detection> detections,
    int falseAlarms,
    Duration timeUnderDrift,
    List<RetrainDecision> decisions) {
  /**
   * Creates the value; lists are copied.
   *
   * @param policy the policy
   * @param windows the window count
   * @param retrains the retrains
   * @param detections the detections
   * @param falseAlarms the false alarms
   * @param timeUnderDrift the time under drift
   * @param decisions the decisions
   */
  public BacktestReport {
    requireNonNull(policy, "policy");
    retrains = List.copyOf(retrains);
    detections = List.copyOf(detections);
    requireNonNull(timeUnderDrift, "timeUnderDrift");
    decisions = List.copyOf(decisions);
  }

  /**
   * Returns how many retrains the policy would have run.
   *
   * @return the retrain count
   */
  public int retrainCount() {
    return retrains.size();
  }

  /**
   * Returns how many true changes got no retrain.
   *
   * @return the missed changes
   */
  public long missed() {
    return detections.stream().filter(d -> d.retrainAt().isEmpty()).count();
  }
}
