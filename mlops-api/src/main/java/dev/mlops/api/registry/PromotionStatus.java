package dev.mlops.api.registry;

/** Where a promotion request stands. */
public enum PromotionStatus {
  /** Waiting for approvals or a gate. */
  PENDING,
  /** Every requirement met; the alias moved. */
  APPROVED,
  /** Someone rejected it; the alias did not move. */
  REJECTED,
  /** Not decided before its deadline; the alias did not move. */
  EXPIRED
}
