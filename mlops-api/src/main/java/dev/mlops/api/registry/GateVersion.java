package dev.mlops.api.registry;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One immutable version of a protected alias's stored gate. Changing a gate stores a new version;
 * the alias's history names the version that decided each promotion.
 *
 * @param model the model's name
 * @param alias the alias it guards
 * @param version 1, 2, 3, ... per alias
 * @param spec the gate, its data pinned to a dataset version id
 * @param actor who set it
 * @param createdAt when
 */
public record GateVersion(String model, String alias, int version, GateSpec spec, String actor,
    Instant createdAt) {
  /**
   * Creates the value.
   *
   * @param model the model
   * @param alias the alias
   * @param version the version, positive
   * @param spec the gate
   * @param actor who set it
   * @param createdAt when
   */
  public GateVersion {
    requireNonNull(model, "model");
    requireNonNull(alias, "alias");
    requireNonNull(spec, "spec");
    requireNonNull(actor, "actor");
    requireNonNull(createdAt, "createdAt");
    if (version < 1) {
      throw new IllegalArgumentException("gate versions start at 1, got " + version);
    }
  }

  /**
   * Returns {@code model@alias gate N}.
   *
   * @return a short name for messages
   */
  @Override
  public String toString() {
    return model + "@" + alias + " gate " + version;
  }
}
