package dev.mlops.api.registry;

import dev.mlops.api.ConflictException;
import dev.mlops.api.GateFailedException;
import dev.mlops.api.NotFoundException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Model versions with lineage, aliases that move atomically with a full history, gated promotion
 * with approvals, and rollback. A <em>reference</em> is {@code model@alias} (for example
 * {@code weather@production}) or {@code model/N} for version N.
 *
 * <p>Thread-safe; several processes may register and move aliases in one store at once.
 */
public interface ModelRegistry {
  /**
   * Registers a new version; version numbers are claimed race-free.
   *
   * @param spec the artifact, format, run and metadata
   * @return the registered version
   */
  ModelVersion register(ModelSpec spec);

  /**
   * Resolves a reference.
   *
   * @param reference {@code model@alias} or {@code model/N}
   * @return the version
   * @throws NotFoundException if the model, alias or version does not exist
   */
  ModelVersion resolve(String reference);

  /**
   * Lists a model's versions.
   *
   * @param model the model's name
   * @return versions, oldest first
   */
  List<ModelVersion> versions(String model);

  /**
   * Copies a version's artifact out, verifying every byte.
   *
   * @param reference the version
   * @param target a file (single-file artifacts) or directory to create
   * @return the path written
   */
  Path checkout(String reference, Path target);

  /**
   * Moves one or several aliases of a model in one atomic step (for example swapping
   * {@code champion} and {@code challenger}); each move is recorded in the history. Protected
   * aliases cannot be moved this way: use {@link #requestPromotion}.
   *
   * @param model the model's name
   * @param targets alias to version number
   * @param actor who moves them
   * @param reason why
   * @return the recorded moves
   * @throws ConflictException if another writer moved one of the aliases meanwhile
   * @throws GateFailedException if one of the aliases is protected
   */
  List<AliasMove> moveAliases(String model, Map<String, Integer> targets, String actor, String reason);

  /**
   * Returns an alias's history, oldest first.
   *
   * @param model the model's name
   * @param alias the alias
   * @return every recorded move
   */
  List<AliasMove> aliasHistory(String model, String alias);

  /**
   * Tells which version an alias pointed to at a time.
   *
   * @param model the model's name
   * @param alias the alias
   * @param time the moment asked about
   * @return the version then, or empty if the alias pointed nowhere
   */
  Optional<ModelVersion> aliasAt(String model, String alias, Instant time);

  /**
   * Protects an alias: from now on it moves only through {@link #requestPromotion}.
   *
   * @param model the model's name
   * @param alias the alias
   * @param policy what a move requires
   */
  void protect(String model, String alias, AliasPolicy policy);

  /**
   * Asks to move a protected alias. If the policy needs no approvals and the gate passes, the alias
   * moves at once.
   *
   * @param model the model's name
   * @param alias the protected alias
   * @param version the candidate version
   * @param requester who asks
   * @param reason why
   * @return the request, pending or approved
   * @throws GateFailedException if the gate refuses the candidate
   */
  PromotionRequest requestPromotion(String model, String alias, int version, String requester, String reason);

  /**
   * Approves a pending request; the last required approval moves the alias.
   *
   * @param requestId the request's id
   * @param approver a distinct identity
   * @return the request after the approval
   * @throws ConflictException if the request is no longer pending or the approver already approved
   */
  PromotionRequest approve(String requestId, String approver);

  /**
   * Rejects a pending request.
   *
   * @param requestId the request's id
   * @param approver who rejects
   * @param reason why
   * @return the rejected request
   */
  PromotionRequest reject(String requestId, String approver, String reason);

  /**
   * Moves an alias back to the version it pointed to before its last move (recorded like any move).
   *
   * @param model the model's name
   * @param alias the alias
   * @param actor who rolls back
   * @param reason why
   * @return the recorded move
   * @throws NotFoundException if the alias has no previous target
   */
  AliasMove rollback(String model, String alias, String actor, String reason);
}
