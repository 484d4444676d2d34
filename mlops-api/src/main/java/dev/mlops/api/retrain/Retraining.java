package dev.mlops.api.retrain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Retraining on one store: policies and their recorded decisions, approval requests, pipelines
 * that resume after a crash, and backtests. Thread-safe.
 */
public interface Retraining {
  /**
   * Opens a policy that only records decisions and requests (its action does nothing).
   *
   * @param config the policy's configuration
   * @return the policy
   */
  RetrainPolicy policy(RetrainPolicyConfig config);

  /**
   * Opens a policy whose automatic decisions and approved requests run {@code action}.
   *
   * @param config the policy's configuration
   * @param action what a retrain does, usually running a {@link RetrainPipeline}
   * @return the policy
   */
  RetrainPolicy policy(RetrainPolicyConfig config, RetrainAction action);

  /**
   * Reads the JSON form of a policy (see {@code docs/retraining.md}).
   *
   * @param json the policy as JSON
   * @return the configuration
   * @throws PolicyFormatException if the JSON is malformed, names an unknown trigger type, or has
   *     a missing or negative threshold
   */
  RetrainPolicyConfig parsePolicy(String json);

  /**
   * Writes the JSON form of a policy; {@link #parsePolicy} reads it back equal.
   *
   * @param config the configuration
   * @return the JSON
   * @throws IllegalArgumentException if its automation rule is a host-defined rule (only
   *     {@link AutomationRule.Fixed} and {@link AutomationRule.ByMagnitude} have a JSON form)
   */
  String toJson(RetrainPolicyConfig config);

  /**
   * Lists the policies that have recorded decisions in this store.
   *
   * @return policy names, sorted
   */
  List<String> policies();

  /**
   * Reads a policy's recorded decisions in a time range.
   *
   * @param policy the policy's name
   * @param from the start, inclusive
   * @param to the end, exclusive
   * @return decisions in time order
   */
  List<RetrainDecision> decisions(String policy, Instant from, Instant to);

  /**
   * Reads a policy's latest decision.
   *
   * @param policy the policy's name
   * @return the latest decision, or empty if it has none
   */
  Optional<RetrainDecision> lastDecision(String policy);

  /**
   * Reads a request.
   *
   * @param id the request's id
   * @return the request
   * @throws dev.mlops.api.NotFoundException if there is no such request
   */
  RetrainRequest request(String id);

  /**
   * Lists the requests of every policy, oldest first.
   *
   * @return the requests
   */
  List<RetrainRequest> requests();

  /**
   * Approves a pending request; the policy's action runs it at the policy's next evaluation or
   * {@link RetrainPolicy#runApproved()}.
   *
   * @param id the request's id
   * @param by who approves
   * @param reason why
   * @return the approved request
   * @throws dev.mlops.api.NotFoundException if there is no such request
   * @throws RequestExpiredException if it expired
   * @throws dev.mlops.api.ConflictException if it was already approved or rejected
   */
  RetrainRequest approve(String id, String by, String reason);

  /**
   * Rejects a pending request; nothing runs.
   *
   * @param id the request's id
   * @param by who rejects
   * @param reason why
   * @return the rejected request
   * @throws dev.mlops.api.NotFoundException if there is no such request
   * @throws RequestExpiredException if it expired
   * @throws dev.mlops.api.ConflictException if it was already approved or rejected
   */
  RetrainRequest reject(String id, String by, String reason);

  /**
   * Runs a pipeline under a run id, or resumes it: steps recorded as completed are not run
   * again, the first unfinished step runs again (so steps must be idempotent), and each step's
   * inputs and outputs are recorded.
   *
   * @param pipeline the pipeline
   * @param runId the run's id, valid under {@link dev.mlops.api.Names}; one id is one run
   * @param inputs the run's inputs, for example dataset versions
   * @return the finished run
   * @throws PipelineStepException if a step failed (the run resumes from that step when called
   *     again)
   * @throws dev.mlops.api.ConflictException if another process advanced the same run meanwhile
   */
  PipelineRun run(RetrainPipeline pipeline, String runId, Map<String, String> inputs);

  /**
   * Reads a pipeline run's recorded state.
   *
   * @param pipeline the pipeline's name
   * @param runId the run's id
   * @return the run, or empty if it never started
   */
  Optional<PipelineRun> pipelineRun(String pipeline, String runId);

  /**
   * Lists a pipeline's recorded runs, for example to resume the unfinished ones when a host
   * starts after a crash ({@code run(pipeline, r.runId(), r.inputs())} for each run that is not
   * {@link PipelineRun#completed()}).
   *
   * @param pipeline the pipeline's name
   * @return its runs, sorted by run id
   */
  List<PipelineRun> pipelineRuns(String pipeline);

  /**
   * Replays windows of signals through a policy, in memory (nothing is recorded or run), and
   * scores when it would have retrained against known change points.
   *
   * @param config the policy
   * @param windows the windows, in time order
   * @param changePoints when the true changes happened, in time order
   * @return the report
   */
  BacktestReport backtest(RetrainPolicyConfig config, List<RetrainSignals> windows,
      List<Instant> changePoints);
}
