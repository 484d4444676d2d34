package dev.mlops.api.retrain;

/** Where a retrain approval request stands. */
public enum RequestStatus {
  /** Waiting for a person until it expires. */
  PENDING,
  /** Approved; the retrain runs (or ran) once. */
  APPROVED,
  /** Rejected; nothing runs. */
  REJECTED,
  /** Not decided before it expired; nothing runs. */
  EXPIRED
}
