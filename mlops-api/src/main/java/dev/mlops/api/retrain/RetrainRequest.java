package dev.mlops.api.retrain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A pending, approved, rejected or expired request to retrain, created when a fired decision
 * needs {@link Automation#APPROVAL}. The decision, with its evidence, is attached so a person can
 * explore the data before deciding.
 *
 * @param id the request's id ({@code <policy>-<decision seq>})
 * @param decision the decision that asked for it
 * @param status where it stands (a pending request past its expiry reads as expired)
 * @param createdAt when it was created
 * @param expiresAt when it expires if still pending
 * @param decidedBy who approved or rejected it
 * @param reason why they did
 * @param decidedAt when they did
 * @param executed whether the approved retrain was handed to the policy's action
 */
public record RetrainRequest(
    String id,
    RetrainDecision decision,
    RequestStatus status,
    Instant createdAt,
    Instant expiresAt,
    Optional<String> decidedBy,
    Optional<String> reason,
    Optional<Instant> decidedAt,
    boolean executed) {
  /**
   * Creates the value.
   *
   * @param id the id
   * @param decision the decision
   * @param status the status
   * @param createdAt creation time
   * @param expiresAt expiry time
   * @param decidedBy the decider, or empty
   * @param reason the reason, or empty
   * @param decidedAt the decision time, or empty
   * @param executed whether executed
   */
  public RetrainRequest {
    requireNonNull(id, "id");
    requireNonNull(decision, "decision");
    requireNonNull(status, "status");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(expiresAt, "expiresAt");
    requireNonNull(decidedBy, "decidedBy");
    requireNonNull(reason, "reason");
    requireNonNull(decidedAt, "decidedAt");
  }
}
