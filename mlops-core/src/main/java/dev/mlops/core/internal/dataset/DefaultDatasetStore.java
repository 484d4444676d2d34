package dev.mlops.core.internal.dataset;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.ConflictException;
import dev.mlops.api.MlOpsException;
import dev.mlops.api.Names;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.CommitResult;
import dev.mlops.api.dataset.DatasetDiff;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.api.dataset.FileChange;
import dev.mlops.api.dataset.StoredFile;
import dev.mlops.api.dataset.TableFormat;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.VersionToken;
import dev.mlops.core.internal.content.Chunker;
import dev.mlops.core.internal.content.ContentWrite;
import dev.mlops.core.internal.content.FileContent;
import dev.mlops.core.internal.content.Sha256;
import dev.mlops.core.internal.content.Subject;
import dev.mlops.core.internal.drift.profile.SketchProfile;
import dev.mlops.core.internal.gc.WriteLease;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DatasetStore} over any {@link ObjectStore}. Stateless apart from the local stat
 * cache, so several instances and processes may share one store. Thread-safe.
 */
public final class DefaultDatasetStore implements DatasetStore {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultDatasetStore.class);

  private final ObjectStore store;
  private final Clock clock;
  private final VersionReader reader;
  private final StatCache cache;
  private final java.util.concurrent.Executor executor;

  /**
   * Creates the dataset store; each commit reads its files one after another on the calling
   * thread (it starts no thread).
   *
   * @param store where versions live
   * @param clock where commit times come from
   * @param statCacheFile the local file that remembers hashed files, or empty to keep it in memory
   */
  public DefaultDatasetStore(ObjectStore store, Clock clock, Optional<Path> statCacheFile) {
    this(store, clock, statCacheFile, null);
  }

  /**
   * Creates the dataset store.
   *
   * @param store where versions live
   * @param clock where commit times come from
   * @param statCacheFile the local file that remembers hashed files, or empty to keep it in memory
   * @param executor where commits read files in parallel (it must run at least
   *     {@value ParallelHasher#PARALLELISM} tasks at once to gain from it), or null to read them
   *     one after another on the calling thread
   */
  public DefaultDatasetStore(ObjectStore store, Clock clock, Optional<Path> statCacheFile,
      java.util.concurrent.@org.jspecify.annotations.Nullable Executor executor) {
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
    this.reader = new VersionReader(store);
    this.cache = new StatCache(statCacheFile);
    this.executor = executor != null ? executor : Runnable::run;
  }

  /**
   * Creates the dataset store with the default stat cache: for a store on local disk
   * ({@code file:}), a file under {@code $XDG_CACHE_HOME/mlops} (default {@code ~/.cache/mlops})
   * named after the store's URI; for other stores, memory only.
   *
   * @param store where versions live
   * @param clock where commit times come from
   * @param executor where commits read files in parallel
   * @return the dataset store
   */
  public static DefaultDatasetStore withDefaultCache(ObjectStore store, Clock clock,
      java.util.concurrent.Executor executor) {
    Optional<Path> file = Optional.empty();
    if ("file".equals(store.uri().getScheme())) {
      String xdg = System.getenv("XDG_CACHE_HOME");
      Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
          : Path.of(System.getProperty("user.home"), ".cache");
      String name = Sha256.hex(store.uri().toString().getBytes(StandardCharsets.UTF_8));
      file = Optional.of(base.resolve("mlops").resolve("stat-" + name.substring(0, 16) + ".json"));
    }
    return new DefaultDatasetStore(store, clock, file, executor);
  }

  @Override
  public CommitResult commitWithStats(CommitRequest request) {
    requireNonNull(request, "request");
    return new Committer(store, reader, cache, clock, executor).commit(request);
  }

  @Override
  public StoredFile storeFile(InputStream content, int averageChunkSize) {
    requireNonNull(content, "content");
    if (averageChunkSize < 64 || averageChunkSize > (64 << 20) || Integer.bitCount(averageChunkSize) != 1) {
      throw new IllegalArgumentException(
          "averageChunkSize must be a power of two from 64 to 67108864, got " + averageChunkSize);
    }
    FileContent file;
    // The window only guards the puts: what points to them is published later, by a commit that
    // checks the chunks again inside its own window.
    try (ContentWrite write = reader.content().beginWrite("store a file for a later commit")) {
      file = write.chunked(Chunker.withAverage(averageChunkSize)).write(content);
    } catch (IOException e) {
      throw new MlOpsException("Cannot read the file to store: " + e.getMessage()
          + "; check that its source is readable and try again", e);
    }
    return new StoredFile(file.sha256(), file.size(),
        file.chunks().stream().map(c -> new StoredFile.Chunk(c.sha256(), c.size())).toList());
  }

  @Override
  public DatasetVersion commitView(dev.mlops.api.dataset.ViewRequest request) {
    return new ViewCommitter(store, reader, clock).commit(requireNonNull(request, "request"));
  }

  @Override
  public DatasetVersion resolve(String reference) {
    requireNonNull(reference, "reference");
    return VersionReader.toVersion(reader.resolve(reference));
  }

  @Override
  public List<String> datasets() {
    try (Stream<ObjectInfo> refs = store.list(DatasetKeys.ROOT)) {
      return refs.map(info -> info.key().substring(DatasetKeys.ROOT.length()))
          .map(rest -> rest.substring(0, rest.indexOf('/')))
          .distinct()
          .sorted()
          .toList();
    }
  }

  @Override
  public Stream<DatasetVersion> history(String reference) {
    VersionReader.Loaded first = reader.resolve(requireNonNull(reference, "reference"));
    return Stream.iterate(first, Objects::nonNull,
            loaded -> loaded.manifest().parent().map(id -> reader.load(loaded.dataset(), id)).orElse(null))
        .map(VersionReader::toVersion);
  }

  @Override
  public List<DatasetVersion> lineage(String reference) {
    VersionReader.Loaded start = reader.resolve(requireNonNull(reference, "reference"));
    java.util.ArrayDeque<VersionReader.Loaded> queue = new java.util.ArrayDeque<>(List.of(start));
    java.util.Set<dev.mlops.api.dataset.DatasetRef> seen = new java.util.HashSet<>(List.of(start.ref()));
    List<DatasetVersion> out = new ArrayList<>();
    while (!queue.isEmpty()) {
      for (String input : queue.removeFirst().manifest().derivedFrom()) {
        var ref = VersionReader.parseRef(input);
        if (seen.add(ref)) {
          VersionReader.Loaded loaded = reader.load(ref.dataset(), ref.versionId());
          out.add(VersionReader.toVersion(loaded));
          queue.addLast(loaded);
        }
      }
    }
    return out;
  }

  @Override
  public void tag(String reference, String tag) {
    Names.requireValid("tag", tag);
    requireNonNull(reference, "reference");
    // The version may be one that only the grace period keeps: a collection must not take it
    // between the lookup and the tag.
    try (WriteLease lease = WriteLease.acquire(store, "tag " + reference + " as " + tag)) {
      VersionReader.Loaded loaded = reader.resolve(reference);
      if (store.stat(DatasetKeys.head(loaded.dataset(), tag)).isPresent()) {
        throw new ConflictException("Dataset " + loaded.dataset() + " has a head named '" + tag
            + "'; a tag cannot share its name: choose another tag");
      }
      String key = DatasetKeys.tag(loaded.dataset(), tag);
      lease.checkBeforePublish();
      if (!store.putIfAbsent(key, loaded.id().getBytes(StandardCharsets.UTF_8))) {
        String existing = store.get(key).map(b -> DatasetKeys.versionId(key, b.bytes())).orElse("?");
        if (!existing.equals(loaded.id())) {
          throw new ConflictException("Tag " + loaded.dataset() + "@" + tag + " already points to "
              + existing + "; tags never move: choose another tag name");
        }
      }
    }
  }

  @Override
  public void deleteTag(String dataset, String tag) {
    deleteRef(dataset, "tag", tag);
  }

  @Override
  public void deleteHead(String dataset, String head) {
    deleteRef(dataset, "head", head);
  }

  /** Deletes a tag or a head; what it alone kept becomes garbage (see DatasetGcRoots). */
  private void deleteRef(String dataset, String kind, String name) {
    Names.requireValid("dataset", dataset);
    Names.requireValid(kind, name);
    String key = kind.equals("tag") ? DatasetKeys.tag(dataset, name) : DatasetKeys.head(dataset, name);
    if (!store.delete(key)) {
      throw new NotFoundException("Dataset " + dataset + " has no " + kind + " '" + name
          + "'; list its refs with 'mlops data log " + dataset + "'");
    }
  }

  @Override
  public DatasetDiff diff(String from, String to) {
    VersionReader.Loaded a = reader.resolve(requireNonNull(from, "from"));
    VersionReader.Loaded b = reader.resolve(requireNonNull(to, "to"));
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<String> modified = new ArrayList<>();
    List<FileChange> changes = new ArrayList<>();
    int unchanged = 0;
    List<Manifest.Entry> left = a.manifest().files();
    List<Manifest.Entry> right = b.manifest().files();
    int i = 0;
    int j = 0;
    while (i < left.size() || j < right.size()) {
      int order = i == left.size() ? 1 : j == right.size() ? -1
          : left.get(i).path().compareTo(right.get(j).path());
      if (order < 0) {
        Manifest.Entry e = left.get(i++);
        removed.add(e.path());
        changes.add(new FileChange(e.path(), OptionalLong.of(e.content().size()), OptionalLong.empty()));
      } else if (order > 0) {
        Manifest.Entry e = right.get(j++);
        added.add(e.path());
        changes.add(new FileChange(e.path(), OptionalLong.empty(), OptionalLong.of(e.content().size())));
      } else {
        Manifest.Entry x = left.get(i++);
        Manifest.Entry y = right.get(j++);
        if (x.content().sha256().equals(y.content().sha256())) {
          unchanged++;
        } else {
          modified.add(x.path());
          changes.add(new FileChange(x.path(), OptionalLong.of(x.content().size()),
              OptionalLong.of(y.content().size())));
        }
      }
    }
    return new DatasetDiff(a.ref(), b.ref(), added, removed, modified, unchanged, changes,
        TableDiff.of(a.manifest(), b.manifest(), changes));
  }

  @Override
  public void checkout(String reference, Path target, Collection<String> paths) {
    checkout(reference, target, paths, Optional.empty());
  }

  @Override
  public void checkout(String reference, Path target, Collection<String> paths, TableFormat tableFormat) {
    checkout(reference, target, paths, Optional.of(requireNonNull(tableFormat, "tableFormat")));
  }

  private void checkout(String reference, Path target, Collection<String> paths, Optional<TableFormat> chosen) {
    VersionReader.Loaded loaded = reader.resolve(requireNonNull(reference, "reference"));
    requireNonNull(target, "target");
    new Checkout(store, loaded, entry -> checkoutPath(loaded, entry, chosen),
        entry -> conversion(loaded, entry, chosen)
            .map(format -> ViewTables.openAs(store, reader, loaded, entry, format))
            .orElseGet(() -> openEntry(loaded, entry)))
        .writeTo(target, List.copyOf(paths));
  }

  /**
   * Where a file is checked out: its path, with a table's extension changed when its format is; a
   * table committed from a directory of part files and written as one file gets the format's
   * extension ({@code events} as Parquet is {@code events.parquet}).
   */
  private String checkoutPath(VersionReader.Loaded loaded, Manifest.Entry entry, Optional<TableFormat> chosen) {
    Optional<TableFormat> format = conversion(loaded, entry, chosen);
    if (format.isEmpty()) {
      return entry.path();
    }
    Manifest.TableMeta committed = ViewTables.committedTable(reader, loaded, entry);
    boolean sameFile = committed.format().name().equals(format.get().name()) && committed.parts().isEmpty();
    return sameFile ? entry.path() : TableFiles.renamed(entry.path(), format.get());
  }

  /**
   * The format a table is converted to when checked out, or empty to write its bytes as stored:
   * the chosen format; without one, a stored table is written as stored and a view's in the format
   * of the file its base table was committed from. A table Parquet output cannot hold is refused
   * here, before the checkout writes any file.
   */
  private Optional<TableFormat> conversion(VersionReader.Loaded loaded, Manifest.Entry entry,
      Optional<TableFormat> chosen) {
    boolean virtual = ViewTables.isVirtual(loaded, entry);
    if (entry.table().isEmpty() || chosen.isEmpty() && !virtual) {
      return Optional.empty(); // what goes in comes out
    }
    Manifest.Format committed = ViewTables.committedTable(reader, loaded, entry).format();
    TableFormat target = chosen.orElse(TableFormat.valueOf(committed.name()));
    boolean asStored = !virtual && committed.name().equals(target.name());
    if (!asStored && target == TableFormat.PARQUET) {
      ViewTables.requireParquetWritable(loaded, entry);
    }
    return asStored ? Optional.empty() : Optional.of(target);
  }

  @Override
  public InputStream open(String reference, String path) {
    requireNonNull(path, "path");
    VersionReader.Loaded loaded = reader.resolve(requireNonNull(reference, "reference"));
    return openEntry(loaded, entry(loaded, path));
  }

  /** A file's bytes: from its chunks, its URI, or, for a view's table, materialized from the base. */
  private InputStream openEntry(VersionReader.Loaded loaded, Manifest.Entry entry) {
    if (ViewTables.isVirtual(loaded, entry)) {
      return ViewTables.openBytes(store, reader, loaded, entry);
    }
    return Checkout.openEntry(reader.content(), entry, "'" + entry.path() + "' in " + loaded.ref());
  }

  @Override
  public ArrowReader openTable(String reference, String path, BufferAllocator allocator,
      List<String> columns) {
    requireNonNull(path, "path");
    requireNonNull(allocator, "allocator");
    VersionReader.Loaded loaded = reader.resolve(requireNonNull(reference, "reference"));
    Manifest.Entry entry = table(loaded, path);
    ArrowReader full = ViewTables.open(store, reader, loaded, entry, allocator);
    return columns.isEmpty() ? full : new ProjectingArrowReader(full, columns, allocator);
  }

  @Override
  public ReferenceProfile profile(String reference, String path) {
    requireNonNull(path, "path");
    VersionReader.Loaded loaded = reader.resolve(requireNonNull(reference, "reference"));
    Manifest.Entry entry = table(loaded, path);
    String label = "'" + path + "' in " + loaded.ref();
    String sha = entry.arrowContent().sha256();
    VersionToken damaged = null;
    try {
      Optional<SketchProfile> stored = TableSketches.read(store, sha, label);
      if (stored.isPresent()) {
        return stored.get();
      }
    } catch (TableSketches.DamagedSketchesException e) {
      LOG.warn("{} Rebuilding them from the table.", e.getMessage());
      damaged = e.token(); // derived data: rebuilt below, never a reason to refuse the profile
    }
    // Committed before sketches were stored: profile the data once and keep the result.
    try (BufferAllocator allocator = new org.apache.arrow.memory.RootAllocator();
        ArrowReader table = ViewTables.open(store, reader, loaded, entry, allocator);
        ContentWrite write = reader.content().beginWrite("sketches of " + label)) {
      SketchProfile built = TableSketches.build(table);
      write.putDerived(TableSketches.key(sha), TableSketches.encode(sha, built));
      if (damaged != null) {
        TableSketches.replaceDamaged(store, sha, damaged, built);
      }
      return built;
    } catch (IOException e) {
      throw new MlOpsException("Cannot read " + label + " to profile it: " + e.getMessage(), e);
    }
  }

  private static Manifest.Entry table(VersionReader.Loaded loaded, String path) {
    Manifest.Entry entry = entry(loaded, path);
    if (entry.table().isEmpty()) {
      throw new NotFoundException("'" + path + "' in " + loaded.ref() + " is a plain file, not a"
          + " table; read it with open(reference, path)");
    }
    return entry;
  }

  /** A file of the version: an entry, or one part file of a table committed from a directory. */
  private static Manifest.Entry entry(VersionReader.Loaded loaded, String path) {
    return java.util.stream.Stream.concat(loaded.manifest().files().stream(),
            loaded.manifest().checkoutFiles().stream())
        .filter(e -> e.path().equals(path))
        .findFirst()
        .orElseThrow(() -> new NotFoundException("Version " + loaded.ref() + " has no file '"
            + path + "'; list its files with 'mlops data show " + loaded.ref() + "'"));
  }

  /** What a stored file of a version is, for the content store's error messages. */
  static Subject subject(String label) {
    return new Subject(label, "restore the object from a replica or re-commit the data");
  }

  /** Wraps a read failure in the SDK's exception, naming the source. */
  static MlOpsException readFailure(String source, IOException e) {
    return new MlOpsException("Cannot read '" + source + "': " + e.getMessage()
        + "; check that it exists and is readable, then commit again", e);
  }

  static MlOpsException writeFailure(Path path, IOException e) {
    String why = dev.mlops.core.input.IoFailures.describe(e);
    return new MlOpsException("Cannot write '" + path + "': " + why
        + (why.contains("; ") ? "" : "; check the directory's permissions and free space"), e);
  }
}
