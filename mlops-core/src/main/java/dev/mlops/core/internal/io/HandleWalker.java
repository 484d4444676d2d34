package dev.mlops.core.internal.io;

import dev.mlops.core.internal.io.ConfinedDirectory.Content;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Walks down from an open directory handle: each directory is opened relative to its parent's
 * handle with {@code O_NOFOLLOW}, and files are created and renamed relative to their directory's
 * handle. Keeps the handles of the last path open, so files of one directory reuse them.
 */
final class HandleWalker implements ConfinedDirectory.Walker {
  private static final Set<OpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW,
      StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

  private final Path root;
  private final SecureDirectoryStream<Path> rootHandle;
  private final List<String> openNames = new ArrayList<>();
  private final List<SecureDirectoryStream<Path>> openHandles = new ArrayList<>();

  HandleWalker(Path root, SecureDirectoryStream<Path> rootHandle) {
    this.root = root;
    this.rootHandle = rootHandle;
  }

  @Override
  public ConfinedDirectory.Directory directory(List<String> segments) throws IOException {
    int common = 0;
    while (common < openNames.size() && common < segments.size()
        && openNames.get(common).equals(segments.get(common))) {
      common++;
    }
    closeFrom(common);
    SecureDirectoryStream<Path> current = common == 0 ? rootHandle : openHandles.get(common - 1);
    for (int i = common; i < segments.size(); i++) {
      current = child(current, segments.subList(0, i + 1));
      openHandles.add(current);
      openNames.add(segments.get(i));
    }
    return new HandleDirectory(current, pathOf(segments));
  }

  private SecureDirectoryStream<Path> child(SecureDirectoryStream<Path> parent, List<String> segments)
      throws IOException {
    Path name = root.getFileSystem().getPath(segments.get(segments.size() - 1));
    ConfinedDirectory.requireDirectory(pathOf(segments), () -> attributes(parent, name));
    // O_NOFOLLOW: a link swapped in since the check fails here instead of being followed
    return (SecureDirectoryStream<Path>) parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
  }

  private static BasicFileAttributes attributes(SecureDirectoryStream<Path> directory, Path name)
      throws IOException {
    try {
      return directory.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .readAttributes();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private Path pathOf(List<String> segments) {
    Path path = root;
    for (String segment : segments) {
      path = path.resolve(segment);
    }
    return path;
  }

  private void closeFrom(int index) throws IOException {
    IOException failure = null;
    while (openHandles.size() > index) {
      try {
        openHandles.remove(openHandles.size() - 1).close();
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
      openNames.remove(openNames.size() - 1);
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      closeFrom(0);
    } finally {
      rootHandle.close();
    }
  }

  /** A directory reached through handles; names are relative to its handle. */
  private record HandleDirectory(SecureDirectoryStream<Path> handle, Path where)
      implements ConfinedDirectory.Directory {
    @Override
    public void replace(String name, String tempPrefix, Content content) throws IOException {
      Path target = where.getFileSystem().getPath(name);
      Path temp = where.getFileSystem().getPath(tempPrefix + UUID.randomUUID() + ".tmp");
      boolean moved = false;
      try {
        write(temp, content);
        // renameat: whatever is at the name, a link included, is replaced, never followed.
        handle.move(temp, handle, target);
        moved = true;
      } finally {
        if (!moved) {
          deleteQuietly(temp);
        }
      }
    }

    @Override
    public void createNew(String name, Content content) throws IOException {
      Path target = where.getFileSystem().getPath(name);
      boolean written = false;
      try {
        write(target, content);
        written = true;
      } catch (FileAlreadyExistsException e) {
        written = true; // not ours: leave it
        throw new FileAlreadyExistsException(where.resolve(name).toString());
      } finally {
        if (!written) {
          deleteQuietly(target);
        }
      }
    }

    private void write(Path name, Content content) throws IOException {
      try (OutputStream out = new BufferedOutputStream(Channels.newOutputStream(
          handle.newByteChannel(name, CREATE_NEW)), 1 << 16)) {
        content.writeTo(out);
      }
    }

    private void deleteQuietly(Path name) {
      try {
        handle.deleteFile(name);
      } catch (IOException e) {
        // best effort: a hidden temporary file left behind is harmless
      }
    }
  }
}
