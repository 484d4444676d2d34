package dev.mlops.api.registry;

/**
 * Hears what a registry does in this process. Every method defaults to doing nothing; override
 * those of interest. Listeners run on the thread that made the change, after it is stored; an
 * exception a listener throws is logged and never breaks the registry or other listeners. Changes
 * made by other processes are not reported here (handles still follow them by polling).
 */
public interface RegistryListener {
  /**
   * A version was registered.
   *
   * @param version the new version
   */
  default void versionRegistered(ModelVersion version) {}

  /**
   * An alias moved (directly, by an approved promotion, or by a rollback).
   *
   * @param move the recorded move
   */
  default void aliasMoved(AliasMove move) {}

  /**
   * A promotion of a protected alias was requested.
   *
   * @param request the request, pending or already approved
   */
  default void promotionRequested(PromotionRequest request) {}

  /**
   * A promotion request received its last required approval; the alias moved.
   *
   * @param request the approved request
   */
  default void promotionApproved(PromotionRequest request) {}

  /**
   * A promotion request was rejected.
   *
   * @param request the rejected request
   */
  default void promotionRejected(PromotionRequest request) {}
}
