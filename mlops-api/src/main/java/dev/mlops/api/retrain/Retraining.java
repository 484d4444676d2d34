package dev.mlops.api.retrain;

import dev.mlops.api.registry.ModelRegistry;
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
   * The value a {@link #promoteThroughGate} step promotes: the model version's reference
   * {@code name/N}, usually the output {@code model} of the register step.
   */
  String PROMOTE_MODEL = "model";

  /** The {@code promotion.status} a {@link #promoteThroughGate} step records when the gate refused. */
  String REFUSED = "REFUSED";

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
   * Returns a promote step that goes through the registry's gate: it asks
   * {@link ModelRegistry#requestPromotion} to move {@code alias} to the version named by the value
   * {@value #PROMOTE_MODEL} ({@code name/N}), so a version without a passing validation report is
   * never promoted. Its outputs, recorded with the step:
   * <ul>
   *   <li>{@code alias}: {@code name@alias};
   *   <li>{@code promotion}: the registry's request id (absent when the gate refused);
   *   <li>{@code promotion.status}: {@code APPROVED} (the alias moved), {@code PENDING} (the alias
   *       policy wants approvals: approve the request in the registry) or {@value #REFUSED};
   *   <li>{@code promotion.reason}: when refused, the gate's reasons (for the Validator's gate,
   *       the failed report and its failed checks).
   * </ul>
   * A refusal completes the step (the run is finished: retrying would not change the model). The
   * step is idempotent: run again under the same run id (after a crash), it finds its earlier
   * request instead of asking twice.
   *
   * @param registry the registry, with {@code alias} protected by a policy that requires the
   *     gate, and a gate stored ({@link ModelRegistry#setGate}) or given when the registry was built
   * @param alias the protected alias, for example {@code production}
   * @param requester who asks, as recorded in the registry
   * @return the step's action
   * @throws dev.mlops.api.InvalidNameException if {@code alias} breaks the naming rule or is all
   *     digits
   * @see dev.mlops.api.GateFailedException thrown by the step (so the step fails) when the alias is
   *     not protected or its policy does not require the gate
   */
  StepAction promoteThroughGate(ModelRegistry registry, String alias, String requester);

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
