package dev.mlops.core.internal.registry;

import dev.mlops.api.Names;
import dev.mlops.core.input.Excerpt;
import org.jspecify.annotations.Nullable;

/**
 * A parsed reference: {@code model@alias}, {@code model/N} or {@code model@N}. Aliases are never
 * all digits (see {@link #requireAlias}), so {@code @N} is unambiguous.
 */
record Reference(String model, @Nullable String alias, int version) {
  static Reference parse(String reference) {
    java.util.Objects.requireNonNull(reference, "reference");
    int at = reference.lastIndexOf('@');
    int slash = reference.lastIndexOf('/');
    int split = Math.max(at, slash);
    if (split <= 0 || split == reference.length() - 1) {
      throw new IllegalArgumentException("reference '" + Excerpt.of(reference)
          + "' must be model@alias, model/N or model@N");
    }
    String model = reference.substring(0, split);
    String rest = reference.substring(split + 1);
    Names.requireValid("model", model);
    if (rest.chars().allMatch(Character::isDigit)) {
      try {
        int version = Integer.parseInt(rest);
        if (version < 1) {
          throw new IllegalArgumentException("version numbers start at 1, got " + reference);
        }
        return new Reference(model, null, version);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("version in '" + Excerpt.of(reference) + "' is too large", e);
      }
    }
    if (split == slash) {
      throw new IllegalArgumentException("reference '" + Excerpt.of(reference) + "': after '/' comes a version number;"
          + " write model@alias for an alias");
    }
    requireAlias(rest);
    return new Reference(model, rest, 0);
  }

  static void requireAlias(String alias) {
    Names.requireValid("alias", alias);
    if (alias.chars().allMatch(Character::isDigit)) {
      throw new dev.mlops.api.InvalidNameException("Invalid alias name '" + Excerpt.of(alias)
          + "': it is all digits, which reads as a version number;"
          + " choose a name with a letter");
    }
  }

  boolean followsAlias() {
    return alias != null;
  }

  @Override
  public String toString() {
    return alias != null ? model + "@" + alias : model + "/" + version;
  }
}
