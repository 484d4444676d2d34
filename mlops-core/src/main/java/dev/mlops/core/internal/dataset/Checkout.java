package dev.mlops.core.internal.dataset;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.content.ContentStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a version's files to a directory. Each file is streamed (verified chunk by chunk) into a
 * hidden temporary file beside its target and renamed into place only when complete, so a failure
 * never leaves a partial file under a real name.
 */
final class Checkout {
  private final ObjectStore store;
  private final VersionReader.Loaded version;
  private final java.util.function.Function<Manifest.Entry, InputStream> opener;

  /** A checkout that opens each file with {@code opener} (which materializes a view's tables). */
  Checkout(ObjectStore store, VersionReader.Loaded version,
      java.util.function.Function<Manifest.Entry, InputStream> opener) {
    this.store = store;
    this.version = version;
    this.opener = opener;
  }

  void writeTo(Path target, List<String> paths) {
    Path root = target.toAbsolutePath().normalize();
    for (Manifest.Entry entry : select(paths)) {
      Path destination = root.resolve(entry.path()).normalize();
      if (!destination.startsWith(root) || destination.equals(root)) {
        throw new IntegrityException("Version " + version.ref() + " holds the path '"
            + entry.path() + "', which leads outside the checkout directory; refusing to write it");
      }
      write(entry, destination);
    }
  }

  private List<Manifest.Entry> select(List<String> paths) {
    if (paths.isEmpty()) {
      return version.manifest().files();
    }
    List<Manifest.Entry> selected = new ArrayList<>();
    for (String path : paths) {
      String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
      int before = selected.size();
      for (Manifest.Entry entry : version.manifest().files()) {
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

  private void write(Manifest.Entry entry, Path destination) {
    Path temp = null;
    try {
      Files.createDirectories(destination.getParent());
      temp = Files.createTempFile(destination.getParent(), ".mlops-checkout-", ".tmp");
      try (InputStream in = opener.apply(entry);
          OutputStream out = Files.newOutputStream(temp)) {
        in.transferTo(out);
      }
      try {
        Files.move(temp, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, destination, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      throw DefaultDatasetStore.writeFailure(destination, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort: a hidden temporary file left behind is harmless
        }
      }
    }
  }
}
