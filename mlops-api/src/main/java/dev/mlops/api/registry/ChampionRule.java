package dev.mlops.api.registry;

/**
 * How a stored gate ({@link GateSpec}) relates a candidate to the champion, the version the
 * protected alias points to when the promotion is asked.
 */
public enum ChampionRule {
  /**
   * The champion is the baseline of the suite's change thresholds (such as
   * {@code notWorseThanBaseline}). On the first promotion, when the alias points nowhere, the
   * change thresholds are left out and the decision says so; the other checks still decide.
   */
  CHAMPION_IS_BASELINE,

  /** No baseline: the suite must hold no change thresholds (they would always fail). */
  NO_BASELINE
}
