package dev.mlops.api.registry;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A request to move a protected alias to a version, and its approvals so far.
 *
 * @param id the request's id
 * @param model the model's name
 * @param alias the protected alias
 * @param version the candidate version
 * @param requester who asked
 * @param reason why
 * @param status where it stands
 * @param approvers distinct identities that approved so far
 * @param createdAt when it was made
 * @param expiresAt when it expires if still pending
 */
public record PromotionRequest(
    String id,
    String model,
    String alias,
    int version,
    String requester,
    String reason,
    PromotionStatus status,
    List<String> approvers,
    Instant createdAt,
    Instant expiresAt) {
  /**
   * Creates the value; {@code approvers} is copied.
   *
   * @param id the id
   * @param model the model
   * @param alias the alias
   * @param version the version
   * @param requester who asked
   * @param reason why
   * @param status the status
   * @param approvers approvers so far
   * @param createdAt creation time
   * @param expiresAt expiry time
   */
  public PromotionRequest {
    requireNonNull(id, "id");
    requireNonNull(model, "model");
    requireNonNull(alias, "alias");
    requireNonNull(requester, "requester");
    requireNonNull(reason, "reason");
    requireNonNull(status, "status");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(expiresAt, "expiresAt");
    approvers = List.copyOf(approvers);
  }
}
