package dev.mlops.core.internal.content;

import dev.mlops.api.MlOpsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files a caller names to store as artifacts: one file, or every regular file under a
 * directory (a link to a file counts as the file; links to directories are not walked into).
 */
public final class SourceFiles {
  private SourceFiles() {}

  /**
   * Lists the files of a source by their path relative to it.
   *
   * @param source a file or a directory
   * @param what what the source is, for messages, such as {@code artifact}
   * @return the files sorted by relative path ({@code /}-separated); a single file's path is
   *     {@code ""}
   * @throws IllegalArgumentException if the source is neither a file nor a directory
   * @throws MlOpsException if a directory cannot be listed
   */
  public static SortedMap<String, Path> of(Path source, String what) {
    SortedMap<String, Path> files = new TreeMap<>();
    if (Files.isDirectory(source)) {
      try (Stream<Path> walk = Files.walk(source)) {
        walk.filter(Files::isRegularFile).forEach(file -> files.put(
            source.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/"), file));
      } catch (IOException | java.io.UncheckedIOException e) {
        throw new MlOpsException("Cannot list the " + what + " directory " + source + ": " + e.getMessage()
            + "; check that it is readable", e);
      }
    } else if (Files.isRegularFile(source)) {
      files.put("", source);
    } else {
      throw new IllegalArgumentException(what + " " + source + " is neither a file nor a directory");
    }
    return files;
  }
}
