package dev.mlops.storage.fs;

import dev.mlops.api.NotFoundException;
import dev.mlops.api.StorageUnavailableException;
import java.io.IOException;
import java.nio.file.Path;

/** Builds the exceptions of one store, so that every message names the store root and the key. */
final class FsFailures {
  private final Path root;

  FsFailures(Path root) {
    this.root = root;
  }

  StorageUnavailableException unavailable(String action, String key, IOException cause) {
    return new StorageUnavailableException(
        "Could not " + action + " object '" + key + "' in file-system store " + root + ": "
            + describe(cause)
            + ". Check that the store directory exists, is writable by this process and the disk"
            + " has free space, then retry.",
        cause);
  }

  StorageUnavailableException unavailable(String action, String key, String problem) {
    return new StorageUnavailableException(
        "Could not " + action + " object '" + key + "' in file-system store " + root + ": "
            + problem);
  }

  StorageUnavailableException symlink(String key, Path link) {
    return new StorageUnavailableException(
        "Refusing to follow the symbolic link " + link + " for object '" + key
            + "' in file-system store " + root + ": a store holds only directories and regular"
            + " files, so that no key can reach outside it. Remove the link (or copy the data in).");
  }

  StorageUnavailableException inTheWay(String key, Path path) {
    return new StorageUnavailableException(
        "Object '" + key + "' cannot be stored in file-system store " + root + " because " + path
            + " is in the way: the store writes object files where a key's last segment is and"
            + " directories named '<segment>+' for folders of keys, and something else was put"
            + " there by hand. Move it out of the store.");
  }

  NotFoundException notFound(String key) {
    return new NotFoundException(
        "No object '" + key + "' in file-system store " + root
            + "; check the key or list the store to see what exists.");
  }

  static String describe(IOException cause) {
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }
}
