package dev.mlops.core.internal.dataset;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.NotFoundException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lists the files a commit takes from disk, by their path inside the version. A symbolic link is
 * taken as the file it points to only when that file lies inside the directory being committed;
 * a link leading outside it, to a directory, or nowhere is refused, so a commit never reads
 * outside what the user named.
 */
final class TreeScanner {
  private TreeScanner() {}

  /**
   * One file to commit.
   *
   * @param versionPath its path inside the version
   * @param file the file on disk
   * @param attributes what the directory walk saw, so unchanged files need no second stat
   */
  record Source(String versionPath, Path file, java.util.Optional<BasicFileAttributes> attributes) {}

  static List<Source> scan(Map<String, Path> sources) {
    TreeMap<String, Path> files = new TreeMap<>();
    java.util.Map<Path, BasicFileAttributes> seen = new java.util.HashMap<>();
    for (var entry : sources.entrySet()) {
      Path source = entry.getValue().toAbsolutePath().normalize();
      if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
        throw new NotFoundException("Cannot commit '" + entry.getValue() + "': no such file or"
            + " directory; check the path");
      }
      if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
        walk(entry.getKey(), source, files, seen);
      } else if (Files.isSymbolicLink(source)) {
        throw new MlOpsException("Cannot commit '" + source + "': it is a symbolic link; name the"
            + " file it points to instead");
      } else {
        put(files, entry.getKey(), source);
      }
    }
    requireNoFileIsADirectory(files.keySet());
    List<Source> out = new ArrayList<>(files.size());
    files.forEach((path, file) -> out.add(new Source(path, file, java.util.Optional.ofNullable(seen.get(file)))));
    return out;
  }

  /** Refuses a set of paths in which one file's path is another's directory. */
  static void requireNoFileIsADirectory(java.util.Collection<String> paths) {
    java.util.TreeSet<String> sorted = new java.util.TreeSet<>(paths);
    for (String path : sorted) {
      String under = sorted.ceiling(path + "/");
      if (under != null && under.startsWith(path + "/")) {
        throw new IllegalArgumentException("'" + path + "' would be both a file and a directory"
            + " inside the version (it also holds '" + under + "'); add or remove paths so only"
            + " one remains");
      }
    }
  }

  private static void walk(String prefix, Path root, TreeMap<String, Path> files,
      java.util.Map<Path, BasicFileAttributes> seen) {
    try {
      Path realRoot = root.toRealPath();
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          String relative = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
          String versionPath = prefix + "/" + relative;
          if (attrs.isSymbolicLink()) {
            put(files, versionPath, insideTarget(realRoot, file));
          } else if (attrs.isRegularFile()) {
            put(files, versionPath, file);
            seen.put(file, attrs);
          } else {
            throw new MlOpsException("Cannot commit '" + file + "': not a regular file (a device,"
                + " socket or pipe); remove it from the directory or commit the files one by one");
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          throw e;
        }
      });
    } catch (IOException e) {
      throw DefaultDatasetStore.readFailure(root.toString(), e);
    }
  }

  private static Path insideTarget(Path realRoot, Path link) throws IOException {
    Path target;
    try {
      target = link.toRealPath();
    } catch (NoSuchFileException e) {
      throw new MlOpsException("Cannot commit '" + link + "': a symbolic link to a missing file;"
          + " remove the link or restore its target");
    }
    if (!target.startsWith(realRoot) || !Files.isRegularFile(target)) {
      throw new MlOpsException("Cannot commit '" + link + "': a symbolic link to '" + target
          + "', which is outside the directory being committed or not a regular file; links are"
          + " followed only to files inside it. Copy the file in or commit it separately");
    }
    return target;
  }

  private static void put(TreeMap<String, Path> files, String versionPath, Path file) {
    Path previous = files.putIfAbsent(versionPath, file);
    if (previous != null) {
      throw new IllegalArgumentException("Two sources map to the path '" + versionPath
          + "' inside the version: " + previous + " and " + file + "; add them under different paths");
    }
  }
}
