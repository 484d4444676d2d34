package dev.mlops.core.internal.registry;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.MlOpsException;
import dev.mlops.core.input.Excerpt;
import dev.mlops.core.internal.io.ConfinedDirectory;
import dev.mlops.core.internal.registry.Docs.FileDoc;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Copies a version's artifact files out, each verified while it streams, into new files only: a
 * file (or link) already at a name stops the copy, and no link already inside the target directory
 * is followed ({@link ConfinedDirectory}), so no byte lands outside the directory the caller named.
 */
final class ArtifactCheckout {
  private ArtifactCheckout() {}

  /**
   * Writes the files under {@code target}: a single-file artifact (path {@code ""}) to
   * {@code target} itself, a directory's files below it; {@code opener} streams a file's stored
   * bytes, verified.
   */
  static Path write(List<FileDoc> files, Path target, String label, Function<FileDoc, InputStream> opener) {
    Path absolute = target.toAbsolutePath().normalize();
    for (FileDoc file : files) {
      if (!file.path.isEmpty() && !plain(file.path)) {
        throw new IntegrityException("artifact of " + label + " names a file outside its directory: '"
            + Excerpt.of(file.path) + "'; nothing was written");
      }
    }
    boolean single = files.size() == 1 && files.get(0).path.isEmpty();
    Path directory = single ? absolute.getParent() : absolute;
    try (ConfinedDirectory out = ConfinedDirectory.open(directory)) {
      for (FileDoc file : files) {
        String name = single ? absolute.getFileName().toString() : file.path;
        try {
          out.createNew(name, stream -> {
            // verifies as it streams: a damaged object throws before its last bytes, and the
            // file is removed
            try (InputStream in = opener.apply(file)) {
              in.transferTo(stream);
            }
          });
        } catch (FileAlreadyExistsException e) {
          throw new MlOpsException("'" + out.resolve(name) + "' already exists; checking out "
              + label + " creates new files only: move it away or choose another target", e);
        }
      }
    } catch (IOException e) {
      String why = dev.mlops.core.input.IoFailures.describe(e);
      throw new MlOpsException("Cannot write the artifact of " + label + " to '" + absolute + "': " + why
          + (why.contains("; ") ? "" : "; check the directory's permissions and free space"), e);
    }
    return target;
  }

  private static boolean plain(String path) {
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }
}
