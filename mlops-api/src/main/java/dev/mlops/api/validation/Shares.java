package dev.mlops.api.validation;

/** Argument checks shared by the data checks. */
final class Shares {
  private Shares() {}

  static void requireShare(String what, double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException(what + " must be a share from 0 to 1, got " + share);
    }
  }
}
