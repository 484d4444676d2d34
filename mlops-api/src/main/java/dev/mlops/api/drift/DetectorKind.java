package dev.mlops.api.drift;

import java.util.Locale;
import java.util.Map;

/**
 * The streaming change detectors, each implemented from its paper with the paper's defaults. The
 * parameters each one takes (names, defaults, meaning) are listed in {@code docs/drift.md}; pass
 * them to {@link DriftDetector#changeDetector(DetectorKind, Map)}.
 */
public enum DetectorKind {
  /** ADWIN (Bifet and Gavaldà 2007): adaptive window, any bounded values; δ = 0.002. */
  ADWIN,
  /** DDM (Gama et al. 2004): error indicators in [0, 1]; warning at 2σ, drift at 3σ. */
  DDM,
  /** EDDM (Baena-García et al. 2006): distance between errors; α = 0.95, β = 0.90. */
  EDDM,
  /** Page-Hinkley (Page 1954): cumulative deviation from the mean; δ = 0.005, λ = 50. */
  PAGE_HINKLEY,
  /** HDDM_A (Frías-Blanco et al. 2015): Hoeffding bound on averages, values in [0, 1]. */
  HDDM_A,
  /** HDDM_W (Frías-Blanco et al. 2015): Hoeffding bound on weighted averages, values in [0, 1]. */
  HDDM_W,
  /** KSWIN (Raab et al. 2020): KS test inside a sliding window; α = 0.005, window 100, 30 compared. */
  KSWIN;

  /**
   * Returns the name used on the command line and in docs: lower case with dashes, such as
   * {@code page-hinkley}.
   *
   * @return the name
   */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Finds a kind by its {@link #cliName()}, case-insensitively.
   *
   * @param name such as {@code adwin} or {@code hddm-w}
   * @return the kind
   * @throws IllegalArgumentException if no kind has that name; the message lists them
   */
  public static DetectorKind fromCliName(String name) {
    for (DetectorKind kind : values()) {
      if (kind.cliName().equalsIgnoreCase(name)) {
        return kind;
      }
    }
    StringBuilder names = new StringBuilder();
    for (DetectorKind kind : values()) {
      names.append(names.length() == 0 ? "" : ", ").append(kind.cliName());
    }
    throw new IllegalArgumentException("unknown detector '" + name + "'; use one of " + names);
  }
}
