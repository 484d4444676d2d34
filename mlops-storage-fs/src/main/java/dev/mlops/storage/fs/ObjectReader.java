package dev.mlops.storage.fs;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The read side of the store: finds an object's file without following links, reads it whole,
 * and computes its token (by hashing the file, so the cost grows with its size).
 */
final class ObjectReader {
  private static final int STAT_ATTEMPTS = 16;

  private final KeyPaths paths;
  private final FsFailures failures;

  ObjectReader(KeyPaths paths, FsFailures failures) {
    this.paths = paths;
    this.failures = failures;
  }

  /** Opens the object's file for reading, or returns {@code null} if there is no object. */
  @Nullable FileChannel open(String key, Path target) throws IOException {
    if (!paths.parentsExist(key, target)) {
      return null;
    }
    BasicFileAttributes attributes = paths.attributes(key, target);
    if (attributes == null || !attributes.isRegularFile()) {
      return null;
    }
    try {
      return FileChannel.open(target, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Tells whether an object file exists at {@code target}. */
  boolean exists(String key, Path target) throws IOException {
    if (!paths.parentsExist(key, target)) {
      return false;
    }
    BasicFileAttributes attributes = paths.attributes(key, target);
    return attributes != null && !attributes.isDirectory();
  }

  /**
   * {@link #exists} for a caller that is about to write the object if it is missing, or only asks:
   * the usual question then is about an object not stored yet (each chunk of a first commit is
   * asked once), and one {@code stat} of its path answers it instead of a {@code stat} of each
   * directory above it first. That {@code stat} follows links, because on JDK 17 only the
   * link-following existence test reports a miss without building an exception (and its stack
   * trace) on each one; following is safe here, as nothing it finds is trusted: a miss is no
   * object whatever the path holds (a dangling link there is no object either, and a write that
   * follows refuses it, as it refuses a link above it when it creates the directories), and a file
   * found is checked as {@link #exists} checks it, without following links.
   */
  boolean existsBeforeWrite(String key, Path target) throws IOException {
    if (!Files.exists(target)) {
      return false;
    }
    return exists(key, target);
  }

  /** Reads a whole object of at most {@link ObjectStore#MAX_GET_SIZE} bytes, or {@code null}. */
  @Nullable StoredBytes readSmall(String key, Path target) throws IOException {
    try (FileChannel channel = open(key, target)) {
      if (channel == null) {
        return null;
      }
      long size = channel.size();
      if (size > ObjectStore.MAX_GET_SIZE) {
        throw new MlOpsException("Object '" + key + "' in file-system store " + paths.root()
            + " is " + size + " bytes, more than get() returns (" + ObjectStore.MAX_GET_SIZE
            + "); read it with open(key)");
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) size);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // Objects are never written in place, so an open file keeps its size.
      }
      if (buffer.hasRemaining()) {
        throw failures.unavailable("read", key, "the file was truncated while it was read;"
            + " objects must not be modified in place");
      }
      byte[] bytes = buffer.array();
      return StoredBytes.of(bytes, ContentHash.tokenOf(bytes));
    }
  }

  /** Returns the token of the object's current content, or {@link VersionToken#ABSENT}. */
  VersionToken currentToken(String key, Path target) throws IOException {
    try (FileChannel channel = open(key, target)) {
      if (channel == null) {
        return VersionToken.ABSENT;
      }
      MessageDigest digest = ContentHash.newDigest();
      ContentHash.update(digest, channel);
      return ContentHash.tokenOf(digest);
    }
  }

  /**
   * Describes the object by hashing its file, or returns {@code null} if there is none. Rereads if
   * the file was replaced meanwhile (a new inode), so size, token and time describe one version.
   * The caller has checked the directories above {@code target}.
   */
  @Nullable ObjectInfo info(String key, Path target) throws IOException {
    for (int attempt = 1; ; attempt++) {
      BasicFileAttributes before = paths.attributes(key, target);
      if (before == null || !before.isRegularFile()) {
        return null;
      }
      MessageDigest digest = ContentHash.newDigest();
      long size;
      try (FileChannel channel =
          FileChannel.open(target, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
        size = ContentHash.update(digest, channel);
      } catch (NoSuchFileException e) {
        return null;
      }
      BasicFileAttributes after = paths.attributes(key, target);
      boolean sameFile = after != null && size == before.size()
          && Objects.equals(before.fileKey(), after.fileKey())
          && before.lastModifiedTime().equals(after.lastModifiedTime());
      if (sameFile || attempt >= STAT_ATTEMPTS) {
        return new ObjectInfo(key, size, Optional.of(ContentHash.tokenOf(digest)),
            before.lastModifiedTime().toInstant());
      }
    }
  }
}
