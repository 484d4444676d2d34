package dev.mlops.storage.fs;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.StorageUnavailableException;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectKeys;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ObjectStore} in a directory: the object with key {@code a/b/c} is the regular file
 * {@code <root>/a+/b+/c}, so a store can be inspected with {@code ls}. Folders of keys are
 * directories named with a trailing {@code +} (a character keys never contain), so that, as on S3,
 * a key may name an object and begin other keys at once ({@code run} is the file {@code run},
 * {@code run/1} the file {@code run+/1}). The store's own files live in the hidden directories
 * {@code <root>/.mlops-tmp/} and {@code <root>/.mlops-locks/}; hidden names are never keys.
 *
 * <p>Writes are crash-safe: content goes to a temporary file on the same file system, is forced to
 * disk, then published in one step ({@code link()} for {@link #putIfAbsent}, which fails if the key
 * exists; an atomic rename under the key's lock for {@link #compareAndSet}), and the directory is
 * forced too. A reader never sees part of an object; a crash leaves at most temporary files, which
 * are removed when a store is opened after the temp grace period.
 *
 * <p>The token of an object is the lowercase hex SHA-256 of its content. {@link #get} computes it
 * while reading; {@link #stat} and {@link #list} compute it by hashing the file, so their cost
 * grows with the size of the objects (they are cheap for small refs).
 *
 * <p>A listing of a large directory (1,000 entries or more) is kept in memory and reused while
 * the directory's own modification time is unchanged and older than 2 s before the listing was
 * taken: every write, replace and delete of this store, from any process, changes that time.
 * Files changed in place by other programs are not seen until the directory changes.
 *
 * <p>Thread-safe. Several processes on one machine may share a root: {@link #putIfAbsent} relies on
 * {@code link()}, {@link #compareAndSet} and {@link #delete} on an in-JVM lock plus an OS file lock
 * per key. A shared network file system qualifies only if it implements hard links, atomic rename
 * and {@code fcntl} locks faithfully. Open with {@link #open(Path)} or {@link #builder()}.
 */
public final class FileSystemObjectStore implements ObjectStore {
  /** The default age after which a temporary file is presumed left by a crash: one hour. */
  public static final Duration DEFAULT_TEMP_GRACE_PERIOD = Duration.ofHours(1);

  private final Path root;
  private final KeyPaths paths;
  private final FsFailures failures;
  private final KeyLocks locks;
  private final AtomicWriter writer;
  private final ObjectReader reader;
  private final ListingCache listings = new ListingCache();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** What this thread's last {@link #exists} found missing, for the put that usually follows. */
  private final ThreadLocal<Absent> lastAbsent = new ThreadLocal<>();
  private final Duration tempGracePeriod;

  private FileSystemObjectStore(Path root, @Nullable Boolean hardLinks, Duration tempGracePeriod) {
    this.root = root;
    this.tempGracePeriod = tempGracePeriod;
    this.failures = new FsFailures(root);
    this.paths = new KeyPaths(root, failures);
    this.locks = new KeyLocks(paths);
    this.writer = new AtomicWriter(paths, failures, hardLinks, root.resolve(KeyPaths.TEMP_DIR));
    this.reader = new ObjectReader(paths, failures);
  }

  /**
   * Opens the store in {@code root} with the default settings, creating the directory if missing.
   *
   * @param root the store's directory
   * @return the open store; close it when done
   * @throws StorageUnavailableException if {@code root} is a file, cannot be created or is not
   *     writable
   */
  public static FileSystemObjectStore open(Path root) {
    return builder().root(root).build();
  }

  /**
   * Returns a builder, for settings other than the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the store's directory, as a real path (symbolic links in the given path resolved).
   *
   * @return the root directory
   */
  public Path root() {
    return root;
  }

  /**
   * Tells whether {@link #putIfAbsent} publishes with hard links (else with a rename under a lock
   * file, on file systems without hard links).
   *
   * @return {@code true} if hard links are used
   */
  public boolean usesHardLinks() {
    return writer.hardLinks();
  }

  @Override
  public URI uri() {
    return root.toUri();
  }

  @Override
  public InputStream open(String key) {
    ensureOpen();
    Path target = paths.object(key);
    FileChannel channel;
    try {
      channel = reader.open(key, target);
    } catch (IOException e) {
      throw failures.unavailable("open", key, e);
    }
    if (channel == null) {
      throw failures.notFound(key);
    }
    return new BufferedInputStream(Channels.newInputStream(channel), AtomicWriter.BUFFER_SIZE);
  }

  @Override
  public Optional<StoredBytes> get(String key) {
    ensureOpen();
    Path target = paths.object(key);
    try {
      return Optional.ofNullable(reader.readSmall(key, target));
    } catch (IOException e) {
      throw failures.unavailable("read", key, e);
    }
  }

  @Override
  public boolean putIfAbsent(String key, InputStream content) {
    ensureOpen();
    Path target;
    Absent absent = lastAbsent.get();
    if (absent != null && absent.key().equals(key)) {
      // This thread's exists() just found no object here (the usual call before a put): checking
      // again would cost another stat. The check only spares reading the content of an object
      // already stored; the link below refuses an existing key whatever was checked before it.
      lastAbsent.set(null);
      target = absent.target();
      requireNonNull(content, "content");
    } else {
      target = paths.object(key);
      requireNonNull(content, "content");
      if (isObjectBeforeWrite(key, target)) {
        return false; // without reading the content, as the SPI allows
      }
    }
    Path temp = writer.writeTemp(key, content);
    try {
      if (writer.hardLinks()) {
        return writer.publishNew(key, target, temp);
      }
      return locks.withLock(key, () -> writer.publishNew(key, target, temp));
    } catch (IOException e) {
      throw failures.unavailable("write", key, e);
    } finally {
      AtomicWriter.discard(temp);
    }
  }

  @Override
  public Optional<VersionToken> compareAndSet(String key, VersionToken expected, byte[] content) {
    ensureOpen();
    Path target = paths.object(key);
    requireNonNull(expected, "expected");
    requireNonNull(content, "content");
    if (content.length > MAX_GET_SIZE) {
      throw new IllegalArgumentException("compareAndSet content must be at most " + MAX_GET_SIZE
          + " bytes, got " + content.length + "; store large content with putIfAbsent and"
          + " compare-and-set a small ref to it");
    }
    VersionToken token = ContentHash.tokenOf(content);
    // Written before taking the lock, so the lock is held only for the check and the rename.
    Path temp = writer.writeTemp(key, content);
    try {
      return locks.withLock(key, () -> {
        if (!reader.currentToken(key, target).equals(expected)) {
          return Optional.<VersionToken>empty();
        }
        if (expected.isAbsent()) {
          // No-replace even under the lock: putIfAbsent's link() does not take the lock.
          return writer.publishNew(key, target, temp) ? Optional.of(token) : Optional.empty();
        }
        writer.publishReplace(key, target, temp);
        return Optional.of(token);
      });
    } catch (IOException e) {
      throw failures.unavailable("compare-and-set", key, e);
    } finally {
      AtomicWriter.discard(temp);
    }
  }

  @Override
  public Stream<ObjectInfo> list(String prefix) {
    ensureOpen();
    ObjectKeys.requireValidPrefix(prefix);
    String dirKey = prefix.substring(0, prefix.lastIndexOf('/') + 1);
    String namePrefix = prefix.substring(dirKey.length());
    Path dir = paths.folder(dirKey);
    try {
      if (!paths.isRealDirectory(dir)) {
        return Stream.empty();
      }
    } catch (IOException e) {
      throw failures.unavailable("list", prefix + "*", e);
    }
    SortedLister lister = new SortedLister(dir, dirKey, namePrefix, failures, listings);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(lister,
        Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT), false);
  }

  @Override
  public boolean delete(String key) {
    ensureOpen();
    Path target = paths.object(key);
    if (!isObject(key, target)) {
      return false; // checked without the lock, so deleting absent keys leaves no lock files
    }
    boolean deleted;
    try {
      deleted = locks.withLock(key, () -> {
        if (!isObject(key, target) || !Files.deleteIfExists(target)) {
          return false;
        }
        AtomicWriter.syncDirectory(target.getParent());
        return true;
      });
    } catch (IOException e) {
      throw failures.unavailable("delete", key, e);
    }
    if (!deleted) {
      return false;
    }
    for (Path changed : paths.removeEmptyParents(target)) {
      AtomicWriter.syncDirectory(changed);
    }
    return true;
  }

  /**
   * Removes temporary files of writers that ended without publishing them: every one of a
   * process of this host that is no longer running, and any other not modified for the temp grace
   * period (a live writer touches its file with every buffer it writes).
   */
  @Override
  public long removeAbandonedWrites() {
    ensureOpen();
    try {
      return TempCleaner.removeAbandoned(paths.tempDir(), tempGracePeriod);
    } catch (IOException e) {
      throw failures.unavailable("clean up", KeyPaths.TEMP_DIR, e);
    }
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    ensureOpen();
    Path target = paths.object(key);
    try {
      return paths.parentsExist(key, target)
          ? Optional.ofNullable(reader.info(key, target))
          : Optional.empty();
    } catch (IOException e) {
      throw failures.unavailable("stat", key, e);
    }
  }

  /** Without hashing the file, unlike {@link #stat}. */
  @Override
  public boolean exists(String key) {
    ensureOpen();
    Path target = paths.object(key);
    if (isObjectBeforeWrite(key, target)) {
      return true;
    }
    lastAbsent.set(new Absent(key, target));
    return false;
  }

  /** A key this thread's {@link #exists} found no object for, and the path of its file. */
  private record Absent(String key, Path target) {}

  /** Idempotent. The store holds no open files between calls, so there is nothing to release. */
  @Override
  public void close() {
    closed.set(true);
  }

  @Override
  public String toString() {
    return "FileSystemObjectStore[" + root + "]";
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("store is closed");
    }
  }

  private boolean isObject(String key, Path target) {
    try {
      return reader.exists(key, target);
    } catch (IOException e) {
      throw failures.unavailable("stat", key, e);
    }
  }

  /** {@link #isObject}, answering a miss with one stat (see {@link ObjectReader#existsBeforeWrite}). */
  private boolean isObjectBeforeWrite(String key, Path target) {
    try {
      return reader.existsBeforeWrite(key, target);
    } catch (IOException e) {
      throw failures.unavailable("stat", key, e);
    }
  }

  private static FileSystemObjectStore openStore(Path requested, Duration gracePeriod,
      @Nullable Boolean hardLinks) {
    Path root = StoreRoot.prepare(requested);
    try {
      StoreRoot.ensureOwnDirectory(root, root.resolve(KeyPaths.TEMP_DIR));
      StoreRoot.ensureOwnDirectory(root, root.resolve(KeyPaths.LOCK_DIR));
      Path tempDir = root.resolve(KeyPaths.TEMP_DIR);
      TempCleaner.removeAbandoned(tempDir, gracePeriod);
      return new FileSystemObjectStore(root, hardLinks, gracePeriod);
    } catch (IOException e) {
      throw StoreRoot.cannotOpen(root, e);
    }
  }

  /**
   * Builds a {@link FileSystemObjectStore}. Each setting may be set once; {@link #build()} leaves
   * the builder reusable. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable Path root;
    private @Nullable Duration tempGracePeriod;
    private @Nullable Boolean hardLinks;

    private Builder() {}

    /**
     * Sets the store's directory (required). It is created, with its parents, if missing.
     *
     * @param root the directory
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder root(Path root) {
      requireNonNull(root, "root");
      if (this.root != null) {
        throw new IllegalStateException("root was already set to " + this.root);
      }
      this.root = root;
      return this;
    }

    /**
     * Sets the age after which a temporary file is presumed left by a crashed writer and deleted
     * when a store is opened. Default {@link #DEFAULT_TEMP_GRACE_PERIOD} (one hour). It must exceed
     * the longest pause of any live writer; zero is safe only if no other process is writing.
     *
     * @param tempGracePeriod the grace period, not negative
     * @return this builder
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException if already set
     */
    public Builder tempGracePeriod(Duration tempGracePeriod) {
      requireNonNull(tempGracePeriod, "tempGracePeriod");
      if (tempGracePeriod.isNegative()) {
        throw new IllegalArgumentException(
            "tempGracePeriod must not be negative, got " + tempGracePeriod);
      }
      if (this.tempGracePeriod != null) {
        throw new IllegalStateException(
            "tempGracePeriod was already set to " + this.tempGracePeriod);
      }
      this.tempGracePeriod = tempGracePeriod;
      return this;
    }

    /** For tests: forces the publishing mode instead of probing the file system. */
    Builder hardLinks(boolean hardLinks) {
      if (this.hardLinks != null) {
        throw new IllegalStateException("hardLinks was already set to " + this.hardLinks);
      }
      this.hardLinks = hardLinks;
      return this;
    }

    /**
     * Opens the store: creates the root and the store's own directories if missing, deletes stale
     * temporary files. Whether hard links work is probed at the first write.
     *
     * @return the open store
     * @throws IllegalStateException if no root was set
     * @throws StorageUnavailableException if the root is a file, cannot be created or is not
     *     writable
     */
    public FileSystemObjectStore build() {
      if (root == null) {
        throw new IllegalStateException("root is required: call root(Path) before build()");
      }
      return openStore(root,
          tempGracePeriod == null ? DEFAULT_TEMP_GRACE_PERIOD : tempGracePeriod, hardLinks);
    }
  }
}
