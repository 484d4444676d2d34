package dev.mlops.storage.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes temporary files left by crashed writers, and probes whether the file system supports
 * hard links.
 *
 * <p>A temporary file is abandoned when the process that wrote it (named in the file's name, see
 * {@link TempOwners}) has ended, or when it was last modified longer ago than the grace period: a
 * live writer touches its file with every buffer it writes, so with a grace period longer than any
 * pause of a writer no live writer's file is removed.
 */
final class TempCleaner {
  private static final Logger LOG = LoggerFactory.getLogger(TempCleaner.class);

  private TempCleaner() {}

  /**
   * Deletes temporary files that no live writer uses: those of a process of this host that has
   * ended, whatever their age, and any not modified for longer than the grace period (a live
   * writer touches its file with every buffer it writes). Returns how many were deleted.
   */
  static int removeAbandoned(Path tempDir, Duration gracePeriod) throws IOException {
    Instant cutoff = Instant.now().minus(gracePeriod);
    int removed = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(tempDir)) {
      for (Path entry : entries) {
        try {
          BasicFileAttributes attributes =
              Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          if (!attributes.isDirectory()
              && (TempOwners.ownerIsDead(entry.getFileName().toString())
                  || !attributes.lastModifiedTime().toInstant().isAfter(cutoff))
              && Files.deleteIfExists(entry)) {
            removed++;
          }
        } catch (NoSuchFileException e) {
          // Published or discarded by its writer meanwhile.
        }
      }
    }
    if (removed > 0) {
      LOG.info("Removed {} temporary file(s) of ended writers or older than {} from {}", removed,
          gracePeriod, tempDir);
    }
    return removed;
  }

  /** Tells whether hard links work in {@code tempDir}, by making one. */
  static boolean hardLinksWork(Path tempDir) throws IOException {
    String base = TempOwners.uniqueName();
    Path probe = tempDir.resolve(base + ".probe");
    Path link = tempDir.resolve(base + ".probe-link");
    Files.createFile(probe);
    try {
      Files.createLink(link, probe);
      return true;
    } catch (UnsupportedOperationException | IOException e) {
      LOG.info("Hard links do not work in {} ({}); putIfAbsent publishes with a rename under a"
          + " lock file instead", tempDir, e.toString());
      return false;
    } finally {
      Files.deleteIfExists(link);
      Files.deleteIfExists(probe);
    }
  }
}
