package dev.mlops.storage.fs;

import dev.mlops.api.StorageUnavailableException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Checks and prepares a store's root directory, with messages that say what to do. */
final class StoreRoot {
  private StoreRoot() {}

  /** Creates the root if missing and returns its real path. */
  static Path prepare(Path requested) {
    Path root = requested.toAbsolutePath().normalize();
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw isNotDirectory(root, null);
    }
    try {
      Files.createDirectories(root);
    } catch (FileAlreadyExistsException e) {
      throw isNotDirectory(root, e);
    } catch (IOException e) {
      throw new StorageUnavailableException("Cannot create the store root " + root + ": "
          + FsFailures.describe(e) + ". Create the directory yourself, or choose a location this"
          + " process may write to.", e);
    }
    Path real;
    try {
      real = root.toRealPath();
    } catch (IOException e) {
      throw cannotOpen(root, e);
    }
    if (!Files.isWritable(real)) {
      throw new StorageUnavailableException("The store root " + real + " is not writable by this"
          + " process (user " + System.getProperty("user.name") + "): grant write permission"
          + " (for example chmod u+w) or choose another directory.");
    }
    return real;
  }

  /** Creates one of the store's own hidden directories, refusing anything else in its place. */
  static void ensureOwnDirectory(Path root, Path dir) throws IOException {
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      BasicFileAttributes attributes =
          Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isDirectory() || attributes.isSymbolicLink()) {
        throw new StorageUnavailableException("The store " + root + " needs " + dir
            + " to be a plain directory, but something else is there (a file or a symbolic"
            + " link); move it away and open the store again.");
      }
    }
  }

  static StorageUnavailableException cannotOpen(Path root, IOException e) {
    return new StorageUnavailableException("Cannot open the file-system store " + root + ": "
        + FsFailures.describe(e) + ". Check that the directory exists and is writable by this"
        + " process.", e);
  }

  private static StorageUnavailableException isNotDirectory(Path root,
      @org.jspecify.annotations.Nullable Exception cause) {
    return new StorageUnavailableException("The store root " + root + " (or one of its parents)"
        + " is a file, not a directory: point the store at a directory (it is created if missing),"
        + " or move the file away.", cause);
  }
}
