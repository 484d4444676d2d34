package dev.mlops.cli;

import dev.mlops.api.NotFoundException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells a local store that exists from a path that does not: commands that only read refuse the
 * latter instead of creating an empty store where the user mistyped a path (as git and dvc refuse
 * a directory that is not a repository).
 */
final class StoreLocation {
  private StoreLocation() {}

  /** True for a {@code file:} store whose directory does not exist; other schemes are never "missing" here. */
  static boolean isMissing(URI uri) {
    return "file".equalsIgnoreCase(uri.getScheme()) && !Files.exists(Path.of(uri));
  }

  /**
   * Refuses a local store whose directory does not exist.
   *
   * @param uri the store
   * @param origin where the location came from, for the message: {@code --store},
   *     {@code $MLOPS_STORE} or the default
   */
  static void requireExisting(URI uri, String origin) {
    if (!isMissing(uri)) {
      return;
    }
    String where = describe(uri);
    throw new NotFoundException("not an mlops store: " + where + " (" + origin + ") does not exist;"
        + " name an existing store with --store or $MLOPS_STORE, or create one with 'mlops --store "
        + where + " store init' (committing data or registering a model creates it too)");
  }

  /** The store as a user would type it: a directory for {@code file:} URIs. */
  static String describe(URI uri) {
    return "file".equalsIgnoreCase(uri.getScheme()) ? Path.of(uri).toString() : uri.toString();
  }
}
