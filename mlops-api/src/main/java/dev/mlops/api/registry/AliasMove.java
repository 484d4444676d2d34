package dev.mlops.api.registry;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.OptionalInt;

/**
 * One entry of an alias's append-only history: who moved it, when, why, from where to where.
 *
 * @param model the model's name
 * @param alias the alias
 * @param from the version it pointed to before, or empty if it was new
 * @param to the version it points to after, or empty if it was removed
 * @param actor who moved it
 * @param reason why
 * @param at when
 * @param gate the version of the alias's stored gate ({@link GateVersion}) that let this move
 *     through, or empty when no stored gate decided (unprotected moves, rollbacks, aliases guarded
 *     by an extra gate in Java only)
 */
public record AliasMove(
    String model, String alias, OptionalInt from, OptionalInt to, String actor, String reason, Instant at,
    OptionalInt gate) {
  /**
   * Creates the value.
   *
   * @param model the model
   * @param alias the alias
   * @param from the previous version, or empty
   * @param to the new version, or empty
   * @param actor who
   * @param reason why
   * @param at when
   * @param gate the stored gate's version that decided, or empty
   */
  public AliasMove {
    requireNonNull(model, "model");
    requireNonNull(alias, "alias");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(actor, "actor");
    requireNonNull(reason, "reason");
    requireNonNull(at, "at");
    requireNonNull(gate, "gate");
  }
}
