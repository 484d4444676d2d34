package dev.mlops.api.registry;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What moving a protected alias requires.
 *
 * @param requireGate whether the candidate must pass the alias's gates: its stored gate
 *     ({@link ModelRegistry#setGate}) and the registry's extra {@link PromotionGate}, if any; with
 *     neither, every request is refused
 * @param approvals how many approvals by distinct identities are required (0 for none)
 * @param expiry how long a request may stay pending
 */
public record AliasPolicy(boolean requireGate, int approvals, Duration expiry) {
  /** The default expiry of a pending request: 7 days. */
  public static final Duration DEFAULT_EXPIRY = Duration.ofDays(7);

  /**
   * Creates the value.
   *
   * @param requireGate whether the gate must pass
   * @param approvals required approvals, not negative
   * @param expiry how long a request may stay pending, positive
   */
  public AliasPolicy {
    requireNonNull(expiry, "expiry");
    if (approvals < 0) {
      throw new IllegalArgumentException("approvals must not be negative, got " + approvals);
    }
    if (expiry.isNegative() || expiry.isZero()) {
      throw new IllegalArgumentException("expiry must be positive, got " + expiry);
    }
  }

  /**
   * Returns a policy requiring a passing gate and {@code approvals} approvals, with the default
   * expiry.
   *
   * @param approvals required approvals
   * @return the policy
   */
  public static AliasPolicy gateAndApprovals(int approvals) {
    return new AliasPolicy(true, approvals, DEFAULT_EXPIRY);
  }
}
