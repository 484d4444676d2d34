package dev.mlops.storage.fs;

import dev.mlops.api.MlOpsException;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes content crash-safely: into a temporary file in the store's {@code .mlops-tmp} directory
 * (the same file system, so publishing is a link or a rename, never a copy), forced to disk, then
 * published in one step and the directory entry forced too. A reader sees the whole object or
 * none; a crash leaves at most a temporary file, removed later by {@link TempCleaner}.
 */
final class AtomicWriter {
  static final int BUFFER_SIZE = 64 * 1024;
  /**
   * Open options built once: {@code FileChannel.open(path, options...)} copies its options into a
   * new {@code HashSet} on each call, and two channels are opened per object written.
   */
  private static final Set<OpenOption> CREATE_NEW_WRITE =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  private static final Set<OpenOption> READ_ONLY = Set.of(StandardOpenOption.READ);
  private static final FileAttribute<?>[] NO_ATTRIBUTES = new FileAttribute<?>[0];
  /** Retries when a concurrent delete removes an empty parent directory between mkdir and link. */
  private static final int MAX_PUBLISH_ATTEMPTS = 1_000;

  private final KeyPaths paths;
  private final FsFailures failures;
  private final Path tempDir;
  /** Null until known: probed at the first write, not at open (a store opened only to read never probes). */
  private volatile @Nullable Boolean hardLinks;

  AtomicWriter(KeyPaths paths, FsFailures failures, @Nullable Boolean hardLinks, Path tempDir) {
    this.paths = paths;
    this.failures = failures;
    this.hardLinks = hardLinks;
    this.tempDir = tempDir;
  }

  /**
   * Whether no-replace publishing uses hard links (else a rename under the key's lock). Probed on
   * first use, by making one in the temporary directory: opening the store did it, which cost a
   * short read-only command (an unchanged {@code data commit}) four file operations and the set-up
   * of temporary names. Two threads asking first both probe, and get the same answer.
   */
  boolean hardLinks() {
    Boolean links = hardLinks;
    if (links == null) {
      try {
        links = TempCleaner.hardLinksWork(tempDir);
      } catch (IOException e) {
        throw StoreRoot.cannotOpen(paths.root(), e);
      }
      hardLinks = links;
    }
    return links;
  }

  /** Streams {@code content} to a new forced temporary file with a fixed buffer. */
  Path writeTemp(String key, InputStream content) {
    Path temp = newTempPath();
    try (FileChannel channel = openTemp(temp)) {
      if (content instanceof ByteArrayInputStream bytes) {
        // Bytes already in memory (a chunk a commit cut): written from their own array in one
        // call, rather than copied through the buffer below first.
        bytes.transferTo(Channels.newOutputStream(channel));
      } else {
        byte[] array = new byte[BUFFER_SIZE];
        ByteBuffer buffer = ByteBuffer.wrap(array);
        int read;
        while ((read = readSource(key, content, array)) >= 0) {
          buffer.clear().limit(read);
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
        }
      }
      channel.force(true);
      return temp;
    } catch (IOException e) {
      discard(temp);
      throw failures.unavailable("write", key, e);
    } catch (RuntimeException | Error e) {
      discard(temp);
      throw e;
    }
  }

  /** Writes {@code content} to a new forced temporary file. */
  Path writeTemp(String key, byte[] content) {
    Path temp = newTempPath();
    try (FileChannel channel = openTemp(temp)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
      return temp;
    } catch (IOException e) {
      discard(temp);
      throw failures.unavailable("write", key, e);
    } catch (RuntimeException | Error e) {
      discard(temp);
      throw e;
    }
  }

  private static int readSource(String key, InputStream content, byte[] array) {
    try {
      return content.read(array);
    } catch (IOException e) {
      throw new MlOpsException("Reading the content given for object '" + key + "' failed;"
          + " nothing was stored. Fix the source and write again.", e);
    }
  }

  /**
   * Publishes {@code temp} at {@code target} only if no object is there. With hard links this is
   * atomic on its own; without, the caller must hold the key's lock.
   *
   * @return {@code true} if published, {@code false} if an object already had the key
   */
  boolean publishNew(String key, Path target, Path temp) {
    for (int attempt = 1; ; attempt++) {
      try {
        List<Path> created = paths.createParents(key, paths.root(), target);
        if (hardLinks()) {
          Files.createLink(target, temp);
        } else {
          if (paths.attributes(key, target) != null) {
            throw new FileAlreadyExistsException(target.toString());
          }
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
        syncCreated(target, created);
        return true;
      } catch (FileAlreadyExistsException e) {
        return existingIsObject(key, target);
      } catch (NoSuchFileException e) {
        retryOrFail(key, temp, attempt, e);
      } catch (IOException e) {
        throw failures.unavailable("write", key, e);
      }
    }
  }

  /** Replaces the object at {@code target} by {@code temp} atomically; caller holds the lock. */
  void publishReplace(String key, Path target, Path temp) {
    for (int attempt = 1; ; attempt++) {
      try {
        List<Path> created = paths.createParents(key, paths.root(), target);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        syncCreated(target, created);
        return;
      } catch (NoSuchFileException e) {
        retryOrFail(key, temp, attempt, e);
      } catch (IOException e) {
        throw failures.unavailable("write", key, e);
      }
    }
  }

  private boolean existingIsObject(String key, Path target) {
    try {
      BasicFileAttributes attributes = paths.attributes(key, target);
      if (attributes != null && attributes.isDirectory()) {
        throw failures.inTheWay(key, target);
      }
      return false;
    } catch (IOException e) {
      throw failures.unavailable("write", key, e);
    }
  }

  private void retryOrFail(String key, Path temp, int attempt, NoSuchFileException e) {
    if (!Files.exists(temp)) {
      throw failures.unavailable("write", key, "its temporary file " + temp + " was removed"
          + " before it was published; is another process opening this store with a temp grace"
          + " period shorter than a write takes? Retry the write.");
    }
    if (attempt >= MAX_PUBLISH_ATTEMPTS) {
      throw failures.unavailable("write", key, e);
    }
  }

  private static void syncCreated(Path target, List<Path> created) {
    syncDirectory(target.getParent());
    for (int i = created.size() - 1; i >= 0; i--) {
      syncDirectory(created.get(i).getParent());
    }
  }

  /**
   * Forces a directory's entries to disk, so a published name survives a power loss.
   * Best effort: some platforms (Windows) refuse to open a directory, and there the rename or link
   * is as durable as the platform makes it.
   */
  static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, READ_ONLY, NO_ATTRIBUTES)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Ignored on purpose, see above.
    }
  }

  /**
   * Removes a temporary file if it is still there (after a link or a failed write). With
   * {@code java.io.File}, whose delete is one {@code unlink}: {@code Files.deleteIfExists} first
   * stats the file to choose between {@code unlink} and {@code rmdir}, and reports a missing file
   * with an exception, and this runs once per object written. A temporary file is never a
   * directory.
   */
  static void discard(Path temp) {
    // A file that cannot be deleted is left for TempCleaner, which removes it after the grace
    // period. new File(String) is Path.toFile() without its check of the file system: the temporary
    // directory is on the default one.
    new File(temp.toString()).delete();
  }

  private Path newTempPath() {
    return paths.tempDir().resolve(TempOwners.uniqueName() + ".tmp");
  }

  private static FileChannel openTemp(Path temp) throws IOException {
    return FileChannel.open(temp, CREATE_NEW_WRITE, NO_ATTRIBUTES);
  }
}
