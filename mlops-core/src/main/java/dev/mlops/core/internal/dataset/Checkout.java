package dev.mlops.core.internal.dataset;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.input.Excerpt;
import dev.mlops.core.internal.content.ContentStore;
import dev.mlops.core.internal.io.ConfinedDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a version's files to a directory. Each file is streamed (verified chunk by chunk) into a
 * hidden temporary file beside its target and renamed into place only when complete, so a failure
 * never leaves a partial file under a real name. No link already inside the directory is followed
 * ({@link ConfinedDirectory}): a link at a file's name is replaced by the file, a link where a
 * directory is needed stops the checkout with a message naming it.
 */
final class Checkout {
  private final ObjectStore store;
  private final VersionReader.Loaded version;
  private final java.util.function.Function<Manifest.Entry, String> pathOf;
  private final java.util.function.Function<Manifest.Entry, InputStream> opener;

  /**
   * A checkout that writes each file at {@code pathOf} (its path, or a converted table's new name)
   * and opens it with {@code opener} (which materializes a view's tables and converts tables).
   */
  Checkout(ObjectStore store, VersionReader.Loaded version,
      java.util.function.Function<Manifest.Entry, String> pathOf,
      java.util.function.Function<Manifest.Entry, InputStream> opener) {
    this.store = store;
    this.version = version;
    this.pathOf = pathOf;
    this.opener = opener;
  }

  void writeTo(Path target, List<String> paths) {
    Path root = target.toAbsolutePath().normalize();
    List<Manifest.Entry> entries = select(paths);
    for (Manifest.Entry entry : entries) {
      if (!isPlainRelative(entry.path())) {
        throw new IntegrityException("Version " + version.ref() + " holds the path '"
            + Excerpt.of(entry.path()) + "', which leads outside the checkout directory; refusing to"
            + " write it");
      }
    }
    java.util.Map<String, String> written = new java.util.HashMap<>();
    for (Manifest.Entry entry : entries) {
      String previous = written.put(pathOf.apply(entry), entry.path());
      if (previous != null) {
        throw new dev.mlops.api.MlOpsException("'" + previous + "' and '" + entry.path() + "' of " + version.ref()
            + " would both be written as '" + pathOf.apply(entry) + "' in this format; check them out one at a"
            + " time (--path) into different directories, or in their committed format");
      }
    }
    try (ConfinedDirectory directory = ConfinedDirectory.open(root)) {
      for (Manifest.Entry entry : entries) {
        write(directory, entry);
      }
    } catch (IOException e) {
      throw DefaultDatasetStore.writeFailure(root, e);
    }
  }

  /** A path of plain segments: no empty, {@code .} or {@code ..} segment, no leading slash. */
  private static boolean isPlainRelative(String path) {
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  private List<Manifest.Entry> select(List<String> paths) {
    List<Manifest.Entry> files = version.manifest().checkoutFiles();
    if (paths.isEmpty()) {
      return files;
    }
    List<Manifest.Entry> selected = new ArrayList<>();
    for (String path : paths) {
      String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
      int before = selected.size();
      for (Manifest.Entry entry : files) {
        if (entry.path().equals(trimmed) || entry.path().startsWith(trimmed + "/")) {
          selected.add(entry);
        }
      }
      if (selected.size() == before) {
        throw new NotFoundException("Version " + version.ref() + " has no file or directory '"
            + path + "'; list its files with 'mlops data show " + version.ref() + "'");
      }
    }
    return selected.stream().distinct().toList();
  }

  /** Opens a file's bytes, from its chunks or, for an external reference, from its URI. */
  static InputStream openEntry(ContentStore content, Manifest.Entry entry, String label) {
    if (entry.external().isPresent()) {
      return ExternalInputStream.open(entry.external().get(), entry.content());
    }
    return content.openChunked(entry.content(), DefaultDatasetStore.subject(label));
  }

  private void write(ConfinedDirectory directory, Manifest.Entry entry) {
    String path = pathOf.apply(entry);
    try {
      directory.replace(path, out -> {
        try (InputStream in = opener.apply(entry)) {
          in.transferTo(out);
        }
      });
    } catch (IOException e) {
      throw DefaultDatasetStore.writeFailure(directory.resolve(path), e);
    }
  }
}
