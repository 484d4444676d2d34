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
 * with approvals, rollback, and serving through ONNX Runtime. A <em>reference</em> is
 * {@code model@alias} (for example {@code weather@production}), {@code model/N} or {@code model@N}
 * for version N. Alias names follow {@link dev.mlops.api.Names} and must not be all digits.
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
   * {@code champion} and {@code challenger}); each move is recorded in the history. Moves racing
   * from several threads or processes are all applied and recorded, one after the other, each
   * {@code from} being the previous move's {@code to}. Protected aliases cannot be moved this way:
   * use {@link #requestPromotion}.
   *
   * @param model the model's name
   * @param targets alias to version number
   * @param actor who moves them
   * @param reason why
   * @return the recorded moves
   * @throws NotFoundException if the model or one of the versions does not exist
   * @throws GateFailedException if one of the aliases is protected
   */
  List<AliasMove> moveAliases(String model, Map<String, Integer> targets, String actor, String reason);

  /**
   * Removes an alias: {@code model@alias} stops resolving, and the removal is recorded in the
   * alias's history as a move with an empty {@code to}, so {@link #aliasAt} still answers for the
   * times before it and {@link #rollback} can bring the alias back. Handles that followed the alias
   * keep serving the version they hold. Protected aliases cannot be removed: their protection
   * stays, and they move only through {@link #requestPromotion}.
   *
   * @param model the model's name
   * @param alias the alias
   * @param actor who removes it
   * @param reason why
   * @return the recorded removal
   * @throws NotFoundException if the model does not exist or has no such alias
   * @throws GateFailedException if the alias is protected
   */
  AliasMove removeAlias(String model, String alias, String actor, String reason);

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
   * Asks to move a protected alias. When the alias's policy requires a gate, its stored gate
   * ({@link #setGate}) runs first: the suite is validated on the gate's data (the report is stored
   * and linked to the candidate), then the registry's extra gate, if it was built with one
   * ({@code MlOps.builder().promotionGate(...)}); the request records the stored gate's version
   * and the reasons. If the policy needs no approvals and the gates pass, the alias moves at once.
   *
   * @param model the model's name
   * @param alias the protected alias
   * @param version the candidate version
   * @param requester who asks
   * @param reason why
   * @return the request, pending or approved
   * @throws GateFailedException if a gate refuses the candidate, or the policy requires a gate and
   *     neither a stored gate nor an extra gate exists
   * @throws ConflictException if the alias's gate or champion changed while the gate ran
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

  /**
   * Renames a model: its versions (same numbers), aliases, protections, stored gates, promotion
   * requests and alias history move to {@code newName} together, and the old name answers
   * {@link NotFoundException} from then on. Crash-safe and safe beside other writers: the rename
   * is decided by one entry in the model's history and completed by whoever next uses either name,
   * so an interrupted rename is finished, never half done. Versions registered under the old name
   * before the rename was decided move with it; after it, registering under the old name throws
   * {@link ConflictException}. The old name is not reused. Handles already open keep serving what
   * they hold; open new ones under the new name.
   *
   * @param model the model's name
   * @param newName its new name (the rule of {@link dev.mlops.api.Names})
   * @param actor who renames it (recorded in the history)
   * @return the model's versions under the new name, oldest first
   * @throws NotFoundException if there is no model {@code model}
   * @throws ConflictException if a model named {@code newName} exists (or existed and was renamed),
   *     or another writer renames {@code model} at the same time
   * @throws dev.mlops.api.InvalidNameException if {@code newName} breaks the name rule
   */
  List<ModelVersion> rename(String model, String newName, String actor);

  /**
   * The name a renamed model has now, following successive renames (A to B, then B to C, gives C
   * for A). A rename in progress is completed first, or withdrawn if its new name was taken.
   *
   * @param model a name the model had
   * @return its current name; empty if no model was renamed away from {@code model} (a model has
   *     that name, or none had it)
   */
  Optional<String> renamedTo(String model);

  /**
   * The name a model had before its last rename (A to B gives A for B); earlier names follow by
   * asking again with the answer.
   *
   * @param model the model's current name
   * @return its previous name; empty if the model was never renamed or there is no model {@code
   *     model}
   */
  Optional<String> renamedFrom(String model);

  /**
   * Lists the registered models.
   *
   * @return model names, sorted
   */
  List<String> models();

  /**
   * Returns a model's aliases and the versions they point to now.
   *
   * @param model the model's name
   * @return alias to version, sorted by alias
   * @throws NotFoundException if the model does not exist
   */
  Map<String, Integer> aliases(String model);

  /**
   * Returns a model's protected aliases and their policies.
   *
   * @param model the model's name
   * @return alias to policy
   */
  Map<String, AliasPolicy> policies(String model);

  /**
   * Returns one promotion request as it stands now (a pending request past its deadline is
   * {@link PromotionStatus#EXPIRED}).
   *
   * @param requestId the request's id, as returned by {@link #requestPromotion}
   * @return the request
   * @throws NotFoundException if there is no such request
   */
  PromotionRequest promotion(String requestId);

  /**
   * Lists a model's promotion requests, oldest first.
   *
   * @param model the model's name
   * @return every request with its current status
   */
  List<PromotionRequest> promotions(String model);

  /**
   * Loads a model version for serving. Its artifact's hash is verified before an ONNX Runtime
   * session is created; sessions are cached and shared between handles. A handle loaded from
   * {@code model@alias} follows the alias (see {@link ModelHandle}).
   *
   * @param reference {@code model@alias}, {@code model/N} or {@code model@N}
   * @return a handle; close it when done
   * @throws NotFoundException if the model, alias or version does not exist
   * @throws dev.mlops.api.IntegrityException if the stored artifact is corrupt
   * @throws InvalidModelException if the version is not an ONNX model
   */
  ModelHandle load(String reference);

  /**
   * Stores a protected alias's gate as data, so every client of the store applies it to
   * {@link #requestPromotion}: the dataset reference is pinned to the version it resolves to now,
   * and the gate gets the alias's next gate version (versions are immutable). Setting the same
   * gate as the current one stores nothing and returns the current version. The gate applies when
   * the alias's policy requires one ({@link AliasPolicy#requireGate()}).
   *
   * @param model the model's name
   * @param alias the alias it guards
   * @param spec the suite, its data and the champion rule
   * @param actor who sets it, as the history records it
   * @return the stored gate version
   * @throws NotFoundException if the model, the dataset version, its table or the label column does
   *     not exist
   * @throws IllegalArgumentException if the champion rule is {@link ChampionRule#NO_BASELINE} and
   *     the suite holds change thresholds
   */
  GateVersion setGate(String model, String alias, GateSpec spec, String actor);

  /**
   * Returns the alias's current stored gate.
   *
   * @param model the model's name
   * @param alias the alias
   * @return the gate, or empty if none was stored
   * @throws NotFoundException if the model does not exist
   */
  Optional<GateVersion> gate(String model, String alias);

  /**
   * Returns one version of an alias's stored gate, current or past.
   *
   * @param model the model's name
   * @param alias the alias
   * @param version the gate version
   * @return the gate version
   * @throws NotFoundException if the model or that gate version does not exist
   */
  GateVersion gate(String model, String alias, int version);

  /**
   * Adds a listener for this registry's events in this process.
   *
   * @param listener the listener
   */
  void addListener(RegistryListener listener);

  /**
   * Removes a listener added before; does nothing if it was not added.
   *
   * @param listener the listener
   */
  void removeListener(RegistryListener listener);
}
