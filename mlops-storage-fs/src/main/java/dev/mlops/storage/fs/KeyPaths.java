package dev.mlops.storage.fs;

import dev.mlops.api.InvalidNameException;
import dev.mlops.api.storage.ObjectKeys;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Maps keys to paths under the store root and walks the directories between them without ever
 * following a symbolic link.
 *
 * <p>Layout: key {@code a/b/c} is the file {@code <root>/a+/b+/c}. Each folder of keys is a
 * directory whose name is the segment plus {@value #DIR_SUFFIX}, a character no key contains, so a
 * key can name an object and begin other keys at once ({@code run} and {@code run/1}), as in the
 * flat namespace of S3, and an object's file name is exactly the last segment of its key.
 *
 * <p>The key rule already forbids {@code ..}, absolute keys and hidden names; the resolved path is
 * still checked to lie under the root, and every directory between the root and an object is
 * checked not to be a symbolic link, so that a link planted inside the store (by hand or by another
 * program) cannot make a key read, write, list or delete outside it. The check and the later use
 * are separate system calls; the store defends against stray links, not against a local attacker
 * who swaps directories while a call runs.
 */
final class KeyPaths {
  static final String TEMP_DIR = ".mlops-tmp";
  static final String LOCK_DIR = ".mlops-locks";
  /** '~' is not allowed in keys, so a lock file name never equals a directory name of a key. */
  static final String LOCK_SUFFIX = "~.lock";
  /** Appended to the directory of each key folder; '+' is not allowed in keys. */
  static final String DIR_SUFFIX = "+";

  private final Path root;
  private final Path lockRoot;
  private final FsFailures failures;

  KeyPaths(Path root, FsFailures failures) {
    this.root = root;
    this.lockRoot = root.resolve(LOCK_DIR);
    this.failures = failures;
  }

  Path root() {
    return root;
  }

  Path tempDir() {
    return root.resolve(TEMP_DIR);
  }

  Path lockRoot() {
    return lockRoot;
  }

  /** Validates the key and returns the path of its object file. */
  Path object(String key) {
    ObjectKeys.requireValidKey(key);
    return under(root, key.replace("/", DIR_SUFFIX + "/"), "");
  }

  /**
   * Returns the directory of a folder of keys, given as a valid prefix ending in '/' ({@code
   * "a/b/"}), or the root for {@code ""}.
   */
  Path folder(String folderPrefix) {
    return folderPrefix.isEmpty()
        ? root
        : under(root, folderPrefix.replace("/", DIR_SUFFIX + "/"), "");
  }

  /** Tells the folder segment a directory name stands for, or {@code null} if it is not one. */
  static @Nullable String folderSegment(String directoryName) {
    return directoryName.endsWith(DIR_SUFFIX) && directoryName.length() > DIR_SUFFIX.length()
        ? directoryName.substring(0, directoryName.length() - DIR_SUFFIX.length())
        : null;
  }

  /** Returns the lock file of a valid key; lock directories carry no suffix. */
  Path lockFile(String key) {
    return under(lockRoot, key, LOCK_SUFFIX);
  }

  private static Path under(Path base, String key, String suffix) {
    Path path = base.resolve(key + suffix).normalize();
    if (!path.startsWith(base) || path.equals(base)) {
      throw new InvalidNameException("Object key '" + key + "' does not resolve inside " + base);
    }
    return path;
  }

  /**
   * Returns the attributes of {@code path} without following links, or {@code null} if it does not
   * exist.
   *
   * @throws dev.mlops.api.StorageUnavailableException if it is a symbolic link
   */
  @Nullable BasicFileAttributes attributes(String key, Path path) throws IOException {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attributes.isSymbolicLink()) {
        throw failures.symlink(key, path);
      }
      return attributes;
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * Checks the directories between the root and {@code target}'s parent.
   *
   * @return {@code true} if they all exist as real directories, {@code false} if one is missing or
   *     is a file (then {@code target} cannot exist)
   * @throws dev.mlops.api.StorageUnavailableException if one is a symbolic link
   */
  boolean parentsExist(String key, Path target) throws IOException {
    for (Path dir : parents(root, target)) {
      BasicFileAttributes attributes = attributes(key, dir);
      if (attributes == null || !attributes.isDirectory()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Tells whether {@code dir} and every directory between the root and it exist as real
   * directories (no symbolic links); for listing, which skips what it must not follow.
   */
  boolean isRealDirectory(Path dir) throws IOException {
    if (dir.equals(root)) {
      return true;
    }
    List<Path> chain = parents(root, dir.resolve("x"));
    for (Path each : chain) {
      try {
        BasicFileAttributes attributes =
            Files.readAttributes(each, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isDirectory() || attributes.isSymbolicLink()) {
          return false;
        }
      } catch (NoSuchFileException e) {
        return false;
      }
    }
    return true;
  }

  /**
   * Creates the missing directories between {@code base} and {@code target}'s parent, one at a time
   * and without following links, so concurrent creators and a planted link are both handled.
   *
   * @return the directories this call created, outermost first
   * @throws dev.mlops.api.StorageUnavailableException if a file or a symbolic link is in the way
   */
  List<Path> createParents(String key, Path base, Path target) throws IOException {
    List<Path> created = new ArrayList<>(2);
    for (Path dir : parents(base, target)) {
      BasicFileAttributes existing = attributes(key, dir);
      if (existing != null && existing.isDirectory()) {
        continue; // the usual case: a stat, rather than a failed mkdir and its exception
      }
      try {
        Files.createDirectory(dir);
        created.add(dir);
      } catch (FileAlreadyExistsException e) {
        BasicFileAttributes attributes = attributes(key, dir);
        if (attributes == null) {
          // Removed again by a concurrent delete between our two calls: let the caller retry.
          throw new NoSuchFileException(dir.toString());
        }
        if (!attributes.isDirectory()) {
          throw failures.inTheWay(key, dir);
        }
      }
    }
    return created;
  }

  /**
   * Removes the now-empty directories above a deleted object, best effort, stopping at the root.
   * A writer that loses its directory to this cleanup sees {@link NoSuchFileException} when it
   * publishes and recreates the directory.
   *
   * @return the parents of the directories removed (to be synced), innermost first
   */
  List<Path> removeEmptyParents(Path target) {
    List<Path> changed = new ArrayList<>(2);
    Path dir = target.getParent();
    while (dir != null && dir.startsWith(root) && !dir.equals(root)) {
      try {
        Files.delete(dir);
        changed.add(dir.getParent());
      } catch (DirectoryNotEmptyException e) {
        break;
      } catch (NoSuchFileException e) {
        // Already removed by another deleter; its parent may be empty now too.
      } catch (IOException e) {
        break;
      }
      dir = dir.getParent();
    }
    return changed;
  }

  /**
   * The directories strictly between {@code base} and {@code target}, outermost first. Walks up
   * with {@code getParent()} rather than relativizing and re-resolving each prefix: this runs for
   * every object written, in the interpreter during a short command, and the walk builds each
   * directory's path once.
   */
  private static List<Path> parents(Path base, Path target) {
    Path parent = target.getParent();
    if (parent == null || parent.equals(base)) {
      return List.of();
    }
    int depth = parent.getNameCount() - base.getNameCount();
    if (depth <= 0 || !parent.startsWith(base)) {
      throw new IllegalArgumentException(target + " is not below " + base);
    }
    Path[] chain = new Path[depth];
    Path dir = parent;
    for (int i = depth - 1; i >= 0; i--) {
      chain[i] = dir;
      dir = dir.getParent();
    }
    return Arrays.asList(chain);
  }
}
