package dev.mlops.api.retrain;

import java.util.Map;

/**
 * What a pipeline step sees: its run, and the values available to it (the run's inputs and the
 * outputs of earlier steps, later ones overriding earlier ones).
 */
public interface StepContext {
  /**
   * Returns the pipeline run's id; steps use it to make their effects idempotent (for example as
   * the experiment run's name or the registry's request key).
   *
   * @return the run id
   */
  String runId();

  /**
   * Returns the step's name.
   *
   * @return the step
   */
  String step();

  /**
   * Returns how many times this step has started in this run, including this time (more than 1
   * after a crash or a failure).
   *
   * @return the attempt, from 1
   */
  int attempt();

  /**
   * Returns the values available to the step.
   *
   * @return inputs and earlier outputs
   */
  Map<String, String> values();

  /**
   * Returns one value.
   *
   * @param key the key
   * @return the value
   * @throws IllegalArgumentException if no input or earlier output has this key
   */
  String value(String key);
}
