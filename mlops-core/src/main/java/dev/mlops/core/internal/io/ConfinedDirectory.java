package dev.mlops.core.internal.io;

import dev.mlops.api.MlOpsException;
import dev.mlops.core.input.Excerpt;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes files below a directory without ever following a link it did not create, so what a
 * version or an artifact holds cannot land outside the directory the caller named, whatever links
 * are already inside it.
 *
 * <p>The directory itself (and its parents) may be a link: the caller named it. Below it, a link
 * where a directory is needed is refused with a message naming the link; a link (or any file) at
 * a file's own name is replaced by {@link #replace}, never written through, and refused by
 * {@link #createNew}.
 *
 * <p>Where the JDK offers a {@link SecureDirectoryStream} (Linux, macOS), every step is relative
 * to an open directory handle and opened with {@code O_NOFOLLOW}, so a link swapped in while the
 * write runs fails the write instead of redirecting it; only a missing directory is created by
 * path, which at worst leaves an empty directory elsewhere in such a race, never data. Elsewhere
 * each component is checked without following links just before it is used. Not thread-safe;
 * close it to release the directory handles.
 */
public final class ConfinedDirectory implements Closeable {
  private static final String TEMP_PREFIX = ".mlops-write-";

  private final Path root;
  private final Walker walker;

  private ConfinedDirectory(Path root, Walker walker) {
    this.root = root;
    this.walker = walker;
  }

  /**
   * Opens a directory, creating it and its missing parents first.
   *
   * @param directory the directory the caller named; it may be a link
   * @return the directory, to be closed
   * @throws IOException if it cannot be created or opened
   */
  public static ConfinedDirectory open(Path directory) throws IOException {
    return open(directory, true);
  }

  /** Opens a directory; {@code handles=false} checks paths instead of holding handles (tests). */
  static ConfinedDirectory open(Path directory, boolean handles) throws IOException {
    Path root = directory.toAbsolutePath().normalize();
    requireNoFileOnTheWay(root);
    Files.createDirectories(root);
    if (handles) {
      DirectoryStream<Path> stream = Files.newDirectoryStream(root);
      if (stream instanceof SecureDirectoryStream<Path> secure) {
        return new ConfinedDirectory(root, new HandleWalker(root, secure));
      }
      stream.close();
    }
    return new ConfinedDirectory(root, new PathWalker(root));
  }

  /** The nearest existing directory or ancestor must be a directory (links followed: the caller named it). */
  private static void requireNoFileOnTheWay(Path root) {
    for (Path at = root; at != null; at = at.getParent()) {
      if (Files.exists(at)) {
        if (!Files.isDirectory(at)) {
          throw new MlOpsException("Cannot write into '" + root + "': " + (at.equals(root) ? "it is a file"
              : "'" + at + "' is a file") + ", not a directory; name a directory (it is created if missing)");
        }
        return;
      }
    }
  }

  /**
   * Writes a file through a hidden temporary file renamed into place, so a reader never sees a
   * partial file, and whatever was at the name (a file or a link) is replaced, not written through.
   *
   * @param relativePath the file's path below the directory, {@code /}-separated
   * @param content writes the bytes
   * @throws IOException if writing fails (the temporary file is removed)
   * @throws MlOpsException if a directory on the way is a link or not a directory
   * @throws IllegalArgumentException if the path leaves the directory or has empty segments
   */
  public void replace(String relativePath, Content content) throws IOException {
    List<String> segments = segments(relativePath);
    Directory parent = walker.directory(segments.subList(0, segments.size() - 1));
    parent.replace(segments.get(segments.size() - 1), TEMP_PREFIX, content);
  }

  /**
   * Creates a new file; nothing may exist at its name, not even a link.
   *
   * @param relativePath the file's path below the directory, {@code /}-separated
   * @param content writes the bytes; if it throws, the file is removed
   * @throws FileAlreadyExistsException if something exists at the name
   * @throws IOException if writing fails
   * @throws MlOpsException if a directory on the way is a link or not a directory
   * @throws IllegalArgumentException if the path leaves the directory or has empty segments
   */
  public void createNew(String relativePath, Content content) throws IOException {
    List<String> segments = segments(relativePath);
    Directory parent = walker.directory(segments.subList(0, segments.size() - 1));
    parent.createNew(segments.get(segments.size() - 1), content);
  }

  /**
   * Returns where a relative path lands, for messages.
   *
   * @param relativePath a path below the directory
   * @return the absolute path
   */
  public Path resolve(String relativePath) {
    return root.resolve(relativePath);
  }

  @Override
  public void close() throws IOException {
    walker.close();
  }

  private List<String> segments(String relativePath) {
    List<String> segments = Arrays.asList(relativePath.split("/", -1));
    for (String segment : segments) {
      Path asPath = root.getFileSystem().getPath(segment);
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || asPath.isAbsolute()
          || asPath.getRoot() != null || asPath.getNameCount() != 1) {
        throw new IllegalArgumentException("'" + Excerpt.of(relativePath) + "' is not a relative path"
            + " below " + root + " (empty, '.' or '..' segments, or a root); refusing to write it");
      }
    }
    return segments;
  }

  /** Writes a file's bytes. */
  @FunctionalInterface
  public interface Content {
    /**
     * Writes the bytes; the stream is closed by the caller.
     *
     * @param out where they go
     * @throws IOException if reading the source or writing fails
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /** Finds (creating as needed) the directory at a list of segments below the root. */
  interface Walker extends Closeable {
    Directory directory(List<String> segments) throws IOException;
  }

  /** One directory below the root, in which files are written. */
  interface Directory {
    void replace(String name, String tempPrefix, Content content) throws IOException;

    void createNew(String name, Content content) throws IOException;
  }

  /**
   * Makes sure a directory is at {@code where}: creates it if nothing is there, refuses a link or a
   * file. {@code read} reads the entry's attributes without following links (null when absent).
   */
  static void requireDirectory(Path where, AttributeReader read) throws IOException {
    BasicFileAttributes attributes = read.get();
    if (attributes == null) {
      try {
        // The JDK has no mkdirat: created by path; what is written goes through the checks below.
        Files.createDirectory(where);
      } catch (FileAlreadyExistsException e) {
        // created meanwhile by someone else: checked below like any existing entry
      }
      attributes = read.get();
      if (attributes == null) {
        throw new NoSuchFileException(where.toString(), null, "created, then gone");
      }
    }
    if (isLink(attributes)) {
      throw linkOnTheWay(where);
    }
    if (!attributes.isDirectory()) {
      throw notADirectory(where);
    }
  }

  /** Reads an entry's attributes without following links; null when there is no entry. */
  @FunctionalInterface
  interface AttributeReader {
    @Nullable BasicFileAttributes get() throws IOException;
  }

  /** The refusal of a link where a directory is needed; the message names the remedy. */
  static MlOpsException linkOnTheWay(Path link) {
    String target;
    try {
      target = " (to " + Files.readSymbolicLink(link) + ")";
    } catch (IOException | UnsupportedOperationException e) {
      target = "";
    }
    return new MlOpsException("'" + link + "' is a symbolic link" + target + "; writing would follow"
        + " it out of the directory, so nothing was written there. Remove the link (or replace it"
        + " with a real directory), or write into another directory");
  }

  /** The refusal of a file (or special file) where a directory is needed. */
  static MlOpsException notADirectory(Path path) {
    return new MlOpsException("'" + path + "' is in the way: a directory is needed there, but it is"
        + " a file; move it away or write into another directory");
  }

  static boolean isLink(BasicFileAttributes attributes) {
    // A Windows junction reads as a directory that is also "other", not as a symbolic link; it
    // redirects all the same.
    return attributes.isSymbolicLink() || attributes.isDirectory() && attributes.isOther();
  }
}
