package dev.mlops.api.retrain;

import java.time.Instant;
import java.util.List;

/**
 * Turns signals (drift, metric decay, business KPIs, data freshness, schedule) into recorded
 * decisions: retrain now, ask a person, or only notify. Every evaluation is recorded with its
 * evidence, fired or not, in the store's append-only history of the policy, so several processes
 * may evaluate one policy: each window is decided on the state the previous window left.
 * Thread-safe.
 */
public interface RetrainPolicy {
  /**
   * Returns the policy's configuration.
   *
   * @return the configuration
   */
  RetrainPolicyConfig config();

  /**
   * Runs the approved requests not run yet, then evaluates one window of signals, records the
   * decision and returns it. A fired {@link Automation#AUTO} decision runs the policy's action
   * before this returns; {@link Automation#APPROVAL} creates a pending {@link RetrainRequest};
   * {@link Automation#NOTIFY} only records.
   *
   * @param signals the window's signals; windows must come in time order
   * @return the decision
   * @throws IllegalArgumentException if the window is not after the last recorded one
   */
  RetrainDecision evaluate(RetrainSignals signals);

  /**
   * Hands every approved request of this policy that has not run yet to the policy's action,
   * each exactly once across processes.
   *
   * @return the requests run by this call
   */
  List<RetrainRequest> runApproved();

  /**
   * Reads the recorded decisions in a time range ("why did we retrain on the 3rd?").
   *
   * @param from the range's start, inclusive
   * @param to the range's end, exclusive
   * @return decisions in time order
   */
  List<RetrainDecision> decisions(Instant from, Instant to);
}
