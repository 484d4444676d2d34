package dev.mlops.api.registry;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

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
 * @param gate the version of the alias's stored gate ({@link GateVersion}) that passed the
 *     candidate when the request was made, or empty when no stored gate was asked
 * @param gateReasons what the gates said when the request was made (empty when none was asked)
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
    Instant expiresAt,
    OptionalInt gate,
    List<String> gateReasons) {
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
   * @param gate the stored gate's version that passed, or empty
   * @param gateReasons the gates' reasons; copied
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
    requireNonNull(gate, "gate");
    gateReasons = List.copyOf(gateReasons);
  }
}
