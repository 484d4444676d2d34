package dev.mlops.core.internal.io;

import dev.mlops.core.internal.io.ConfinedDirectory.Content;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.UUID;

/**
 * Walks down by path where the JDK offers no directory handles (Windows): each component is
 * checked without following links just before it is used, and files are renamed into place,
 * which replaces a link at the name instead of following it.
 */
final class PathWalker implements ConfinedDirectory.Walker {
  private final Path root;

  PathWalker(Path root) {
    this.root = root;
  }

  @Override
  public ConfinedDirectory.Directory directory(List<String> segments) throws IOException {
    Path current = root;
    for (String segment : segments) {
      Path next = current.resolve(segment);
      ConfinedDirectory.requireDirectory(next, () -> attributes(next));
      current = next;
    }
    return new PathDirectory(current);
  }

  private static BasicFileAttributes attributes(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  @Override
  public void close() {
    // holds nothing open
  }

  /** A directory reached by checked paths. */
  private record PathDirectory(Path where) implements ConfinedDirectory.Directory {
    @Override
    public void replace(String name, String tempPrefix, Content content) throws IOException {
      Path target = where.resolve(name);
      Path temp = where.resolve(tempPrefix + UUID.randomUUID() + ".tmp");
      try {
        try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
          content.writeTo(out);
        }
        try {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        deleteQuietly(temp);
      }
    }

    @Override
    public void createNew(String name, Content content) throws IOException {
      Path target = where.resolve(name);
      try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
        content.writeTo(out);
      } catch (FileAlreadyExistsException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        deleteQuietly(target);
        throw e;
      }
    }

    private static void deleteQuietly(Path path) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        // best effort: what the caller must see is the failure being reported
      }
    }
  }
}
