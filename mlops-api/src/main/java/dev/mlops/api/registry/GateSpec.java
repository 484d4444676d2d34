package dev.mlops.api.registry;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.validation.ValidationSuite;

/**
 * A protected alias's gate as data, stored with the alias ({@link ModelRegistry#setGate}) so every
 * client of the store (Java, CLI, later the UI and the MLflow endpoint) applies the same gate: the
 * candidate must pass {@code suite} on {@code data}, compared with the champion as {@code champion}
 * says. The suite is stored in its JSON form, so it can name built-in metrics only (a custom
 * metric's Java function cannot be stored).
 *
 * @param suite the checks
 * @param data the labelled data they run on
 * @param champion how the candidate is compared with the version the alias points to
 */
public record GateSpec(ValidationSuite suite, GateData data, ChampionRule champion) {
  /**
   * Creates the value.
   *
   * @param suite the suite, without custom metrics
   * @param data the data
   * @param champion the champion rule
   * @throws IllegalArgumentException if the suite defines custom metrics
   */
  public GateSpec {
    requireNonNull(suite, "suite");
    requireNonNull(data, "data");
    requireNonNull(champion, "champion");
    if (!suite.metrics().isEmpty()) {
      throw new IllegalArgumentException("suite '" + suite.name() + "' defines custom metrics "
          + suite.metrics().stream().map(m -> m.name()).toList() + "; a stored gate runs in every client,"
          + " which cannot have their Java functions: use built-in metrics, or check custom ones in an extra"
          + " promotion gate (MlOps.builder().promotionGate(...))");
    }
  }
}
