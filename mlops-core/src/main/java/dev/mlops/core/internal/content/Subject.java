package dev.mlops.core.internal.content;

import static java.util.Objects.requireNonNull;

/**
 * What a content object is to the caller, for error messages that a user can act on.
 *
 * @param what what the object holds, such as {@code the manifest of version 3fa2...} or
 *     {@code 'raw/data.bin' in weather@3fa2...}
 * @param remedy what to do when it is damaged or missing, such as {@code re-commit the data}
 */
public record Subject(String what, String remedy) {
  /** Checks both are given. */
  public Subject {
    requireNonNull(what, "what");
    requireNonNull(remedy, "remedy");
  }

  /**
   * Returns the subject of one chunk of this file.
   *
   * @return the chunk's subject, with the same remedy
   */
  Subject chunk() {
    return new Subject("a chunk of " + what, remedy);
  }
}
