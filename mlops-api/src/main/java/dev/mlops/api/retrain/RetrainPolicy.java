package dev.mlops.api.retrain;

import java.time.Instant;
import java.util.List;

/**
 * Turns signals (drift, metric decay, business KPIs, data freshness) into recorded decisions:
 * retrain now, ask a person, or only notify. Every evaluation is recorded with its evidence, fired
 * or not. Thread-safe.
 */
public interface RetrainPolicy {
  /**
   * Returns the policy's configuration.
   *
   * @return the configuration
   */
  RetrainPolicyConfig config();

  /**
   * Evaluates one window of signals, records the decision and returns it.
   *
   * @param signals the window's signals
   * @return the decision
   */
  RetrainDecision evaluate(RetrainSignals signals);

  /**
   * Reads the recorded decisions in a time range ("why did we retrain on the 3rd?").
   *
   * @param from the range's start, inclusive
   * @param to the range's end, exclusive
   * @return decisions in time order
   */
  List<RetrainDecision> decisions(Instant from, Instant to);
}
