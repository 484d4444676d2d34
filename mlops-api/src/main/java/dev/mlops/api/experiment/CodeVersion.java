package dev.mlops.api.experiment;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The code a run was started from, read from the working tree's {@code .git} directory.
 *
 * @param commit the full hex id of the checked-out commit
 * @param branch the checked-out branch, or empty for a detached head
 * @param dirty {@code true} if tracked files looked modified since the commit (approximate: see
 *     the tracking guide)
 */
public record CodeVersion(String commit, Optional<String> branch, boolean dirty) {
  /**
   * Creates the value.
   *
   * @param commit the commit id, not empty
   * @param branch the branch, or empty
   * @param dirty whether the tree looked modified
   */
  public CodeVersion {
    requireNonNull(commit, "commit");
    requireNonNull(branch, "branch");
    if (commit.isEmpty()) {
      throw new IllegalArgumentException("commit must not be empty");
    }
  }
}
