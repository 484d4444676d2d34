package dev.mlops.api.experiment;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * Where a run came from, captured when it starts.
 *
 * @param code the git commit of the working tree, if it is in a git repository
 * @param environment JVM, OS, CPU count, max heap and the class path's artifact coordinates
 * @param seeds the random seeds the run declared
 */
public record RunLineage(Optional<CodeVersion> code, Map<String, String> environment,
    Map<String, Long> seeds) {
  /** Lineage that records nothing. */
  public static final RunLineage NONE = new RunLineage(Optional.empty(), Map.of(), Map.of());

  /**
   * Creates the value; maps are copied.
   *
   * @param code the code version, or empty
   * @param environment environment facts by name
   * @param seeds seeds by name
   */
  public RunLineage {
    requireNonNull(code, "code");
    environment = Map.copyOf(environment);
    seeds = Map.copyOf(seeds);
  }
}
