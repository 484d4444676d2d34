package dev.mlops.api.retrain;

/**
 * What a policy does when a retrain is to run: an automatic decision, or an approved request.
 * Usually it runs a {@link RetrainPipeline}. Exceptions it throws are logged and counted
 * ({@code mlops.retrain.action.failures}), never rethrown into the evaluation.
 */
@FunctionalInterface
public interface RetrainAction {
  /** An action that does nothing: decisions and requests are only recorded. */
  RetrainAction NONE = decision -> { };

  /**
   * Runs the retrain the decision asked for.
   *
   * @param decision the fired decision, with its evidence
   * @throws Exception if the retrain failed
   */
  void retrain(RetrainDecision decision) throws Exception;
}
