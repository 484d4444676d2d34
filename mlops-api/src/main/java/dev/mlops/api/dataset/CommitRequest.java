package dev.mlops.api.dataset;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What to commit as a new dataset version: files and directories from disk under paths inside the
 * version, plus message, author and metadata. Built with {@link #builder()}.
 *
 * <p>A commit changes its parent (the head's version): each added path replaces everything the
 * parent had at or under that path, each removed path drops it, and every other path of the
 * parent is kept. So committing {@code raw} again with a file deleted from the directory removes
 * that file from the new version, and two writers working on different paths of one head can be
 * combined ({@link Builder#rebaseOnConflict}).
 *
 * <pre>{@code
 * DatasetVersion v = mlops.datasets().commit(CommitRequest.builder()
 *     .dataset("weather")
 *     .add("raw", Path.of("data/raw"))
 *     .message("2012-2014 dump")
 *     .build());
 * }</pre>
 */
public final class CommitRequest {
  /** The head a commit moves when none is given. */
  public static final String DEFAULT_HEAD = "main";

  /** The average size of content-defined chunks when none is given: 1 MiB. */
  public static final int DEFAULT_AVERAGE_CHUNK_SIZE = 1 << 20;

  private final String dataset;
  private final String head;
  private final String message;
  private final String author;
  private final Map<String, String> metadata;
  private final Map<String, Path> sources;
  private final Map<String, TableSource> tables;
  private final Map<String, ExternalFile> externals;
  private final Map<String, StoredFile> stored;
  private final java.util.SortedSet<String> removals;
  private final java.util.List<DatasetRef> derivedFrom;
  private final String transformation;
  private final boolean rebaseOnConflict;
  private final boolean paranoid;
  private final boolean allowEmpty;
  private final int averageChunkSize;

  private CommitRequest(Builder builder) {
    this.dataset = requireNonNull(builder.dataset);
    this.head = builder.head != null ? builder.head : DEFAULT_HEAD;
    this.message = builder.message != null ? builder.message : "";
    this.author = builder.author != null ? builder.author : System.getProperty("user.name", "");
    this.metadata = Map.copyOf(builder.metadata);
    this.sources = java.util.Collections.unmodifiableMap(new TreeMap<>(builder.sources));
    this.tables = java.util.Collections.unmodifiableMap(new TreeMap<>(builder.tables));
    this.externals = java.util.Collections.unmodifiableMap(new TreeMap<>(builder.externals));
    this.stored = java.util.Collections.unmodifiableMap(new TreeMap<>(builder.stored));
    this.removals = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(builder.removals));
    this.derivedFrom = java.util.List.copyOf(builder.derivedFrom);
    this.transformation = builder.transformation != null ? builder.transformation : "";
    this.rebaseOnConflict = builder.rebaseOnConflict != null && builder.rebaseOnConflict;
    this.paranoid = builder.paranoid != null && builder.paranoid;
    this.allowEmpty = builder.allowEmpty != null && builder.allowEmpty;
    this.averageChunkSize = builder.averageChunkSize != null
        ? builder.averageChunkSize : DEFAULT_AVERAGE_CHUNK_SIZE;
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the dataset's name.
   *
   * @return the name
   */
  public String dataset() {
    return dataset;
  }

  /**
   * Returns the head the commit moves; default {@value #DEFAULT_HEAD}.
   *
   * @return the head's name
   */
  public String head() {
    return head;
  }

  /**
   * Returns the commit message; default empty.
   *
   * @return the message
   */
  public String message() {
    return message;
  }

  /**
   * Returns the author; default the {@code user.name} system property.
   *
   * @return the author
   */
  public String author() {
    return author;
  }

  /**
   * Returns the user's metadata.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * Returns the sources on disk by their path inside the version, sorted by that path.
   *
   * @return an unmodifiable map from version path to file or directory on disk
   */
  public Map<String, Path> sources() {
    return sources;
  }

  /**
   * Returns the tables to store as Arrow IPC by their path inside the version, sorted by path.
   *
   * @return an unmodifiable map from version path to table source
   */
  public Map<String, TableSource> tables() {
    return tables;
  }

  /**
   * Returns the external references by their path inside the version, sorted by path.
   *
   * @return an unmodifiable map from version path to external file
   */
  public Map<String, ExternalFile> externals() {
    return externals;
  }

  /**
   * Returns the files already stored ({@link DatasetStore#storeFile}) by their path inside the
   * version, sorted by path.
   *
   * @return an unmodifiable map from version path to stored file
   */
  public Map<String, StoredFile> stored() {
    return stored;
  }

  /**
   * Returns the paths inside the version to drop from the parent, sorted.
   *
   * @return an unmodifiable set of version paths
   */
  public java.util.SortedSet<String> removals() {
    return removals;
  }

  /**
   * Returns the versions the new version is derived from (its lineage inputs), in the order given.
   *
   * @return an unmodifiable list
   */
  public java.util.List<DatasetRef> derivedFrom() {
    return derivedFrom;
  }

  /**
   * Returns how the new version was derived from its inputs; default empty.
   *
   * @return the description
   */
  public String transformation() {
    return transformation;
  }

  /**
   * Tells whether a commit that finds its head moved by another writer is re-parented on the new
   * head when the two changes touch different paths; default {@code false} (it fails with a
   * {@link DatasetConflictException}).
   *
   * @return whether to rebase on a conflict
   */
  public boolean rebaseOnConflict() {
    return rebaseOnConflict;
  }

  /**
   * Tells whether every file is read and hashed again, ignoring the local stat cache; default
   * {@code false}.
   *
   * @return whether to re-hash everything
   */
  public boolean paranoid() {
    return paranoid;
  }

  /**
   * Tells whether a commit whose files are exactly the head's still makes a new version; default
   * {@code false}: such a commit makes none, leaves the head where it is and returns the head's
   * version ({@link CommitResult#unchanged()}).
   *
   * @return whether to commit identical content as a new version
   */
  public boolean allowEmpty() {
    return allowEmpty;
  }

  /**
   * Returns the target average size of content-defined chunks; default
   * {@value #DEFAULT_AVERAGE_CHUNK_SIZE}. Chunks are at least a quarter and at most four times as
   * large. Keep it the same across the versions of a dataset, or they share no chunks.
   *
   * @return the average chunk size in bytes
   */
  public int averageChunkSize() {
    return averageChunkSize;
  }

  /** Builds a {@link CommitRequest}; values may be set once, {@link #build()} keeps it reusable. */
  public static final class Builder {
    private @Nullable String dataset;
    private @Nullable String head;
    private @Nullable String message;
    private @Nullable String author;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final Map<String, Path> sources = new LinkedHashMap<>();
    private final java.util.Set<String> removals = new java.util.LinkedHashSet<>();
    private final Map<String, TableSource> tables = new LinkedHashMap<>();
    private final Map<String, ExternalFile> externals = new LinkedHashMap<>();
    private final Map<String, StoredFile> stored = new LinkedHashMap<>();
    private @Nullable Boolean rebaseOnConflict;
    private final java.util.List<DatasetRef> derivedFrom = new java.util.ArrayList<>();
    private @Nullable String transformation;
    private @Nullable Boolean paranoid;
    private @Nullable Boolean allowEmpty;
    private @Nullable Integer averageChunkSize;

    private Builder() {}

    /**
     * Re-parents the commit on the head's new version when another writer moved the head and the
     * two changes touch different paths. Default {@code false}: such a commit fails with a
     * {@link DatasetConflictException} carrying both versions.
     *
     * @param rebase whether to rebase
     * @return this builder
     */
    public Builder rebaseOnConflict(boolean rebase) {
      if (this.rebaseOnConflict != null) {
        throw new IllegalStateException("rebaseOnConflict was already set to " + this.rebaseOnConflict);
      }
      this.rebaseOnConflict = rebase;
      return this;
    }

    /**
     * Reads and hashes every file again instead of trusting the local stat cache (size,
     * modification time and inode of files committed before). Default {@code false}.
     *
     * @param paranoid whether to re-hash everything
     * @return this builder
     */
    public Builder paranoid(boolean paranoid) {
      if (this.paranoid != null) {
        throw new IllegalStateException("paranoid was already set to " + this.paranoid);
      }
      this.paranoid = paranoid;
      return this;
    }

    /**
     * Makes a new version even when the commit's files are exactly the head's (same paths, same
     * bytes, committed the same way: plain, as a table of the same format and schema, or external)
     * and its lineage is the head's or none. Default {@code false}: such a commit writes nothing
     * to the store, leaves the head where it is and returns the head's version with
     * {@link CommitResult#unchanged()} {@code true}. The message, author and metadata are not
     * compared: changing only them is no reason for a version unless this is set.
     *
     * @param allowEmpty whether to commit identical content as a new version
     * @return this builder
     */
    public Builder allowEmpty(boolean allowEmpty) {
      if (this.allowEmpty != null) {
        throw new IllegalStateException("allowEmpty was already set to " + this.allowEmpty);
      }
      this.allowEmpty = allowEmpty;
      return this;
    }

    /**
     * Sets the target average chunk size. Default {@value CommitRequest#DEFAULT_AVERAGE_CHUNK_SIZE}.
     *
     * @param bytes a power of two from 64 bytes to 64 MiB
     * @return this builder
     */
    public Builder averageChunkSize(int bytes) {
      if (bytes < 64 || bytes > (64 << 20) || Integer.bitCount(bytes) != 1) {
        throw new IllegalArgumentException(
            "averageChunkSize must be a power of two from 64 to 67108864, got " + bytes);
      }
      if (this.averageChunkSize != null) {
        throw new IllegalStateException("averageChunkSize was already set to " + this.averageChunkSize);
      }
      this.averageChunkSize = bytes;
      return this;
    }

    /**
     * Sets the dataset's name. Required.
     *
     * @param dataset a name valid under {@link Names}
     * @return this builder
     */
    public Builder dataset(String dataset) {
      Names.requireValid("dataset", dataset);
      if (this.dataset != null) {
        throw new IllegalStateException("dataset was already set to " + this.dataset);
      }
      this.dataset = dataset;
      return this;
    }

    /**
     * Sets the head to move. Default {@value CommitRequest#DEFAULT_HEAD}.
     *
     * @param head a name valid under {@link Names}
     * @return this builder
     */
    public Builder head(String head) {
      Names.requireValid("head", head);
      if (this.head != null) {
        throw new IllegalStateException("head was already set to " + this.head);
      }
      this.head = head;
      return this;
    }

    /**
     * Sets the commit message. Default empty.
     *
     * @param message the message
     * @return this builder
     */
    public Builder message(String message) {
      requireNonNull(message, "message");
      if (this.message != null) {
        throw new IllegalStateException("message was already set");
      }
      this.message = message;
      return this;
    }

    /**
     * Sets the author. Default the {@code user.name} system property.
     *
     * @param author the author
     * @return this builder
     */
    public Builder author(String author) {
      requireNonNull(author, "author");
      if (this.author != null) {
        throw new IllegalStateException("author was already set to " + this.author);
      }
      this.author = author;
      return this;
    }

    /**
     * Adds one metadata entry.
     *
     * @param key the key, valid under {@link Names}
     * @param value the value
     * @return this builder
     */
    public Builder metadata(String key, String value) {
      Names.requireValid("metadata key", key);
      requireNonNull(value, "value");
      if (metadata.putIfAbsent(key, value) != null) {
        throw new IllegalStateException("metadata '" + key + "' was already set");
      }
      return this;
    }

    /**
     * Adds a file or a directory (recursively) from disk under a path inside the version.
     *
     * @param versionPath where it goes inside the version: segments valid under {@link Names},
     *     separated by {@code /}
     * @param source the file or directory on disk
     * @return this builder
     */
    public Builder add(String versionPath, Path source) {
      requireNonNull(source, "source");
      for (String segment : versionPath.split("/", -1)) {
        Names.requireValid("path segment", segment);
      }
      if (tables.containsKey(versionPath) || externals.containsKey(versionPath) || stored.containsKey(versionPath)
          || sources.putIfAbsent(versionPath, source) != null) {
        throw new IllegalStateException("path '" + versionPath + "' was already added");
      }
      return this;
    }

    /**
     * Adds a table, stored as an Arrow IPC stream with column profiles, under a path inside the
     * version. Readers and roots are read during {@code commit}, not here.
     *
     * @param versionPath where it goes inside the version: segments valid under {@link Names},
     *     separated by {@code /}
     * @param table the table's source
     * @return this builder
     */
    public Builder addTable(String versionPath, TableSource table) {
      requireNonNull(table, "table");
      for (String segment : versionPath.split("/", -1)) {
        Names.requireValid("path segment", segment);
      }
      if (sources.containsKey(versionPath) || externals.containsKey(versionPath) || stored.containsKey(versionPath)
          || tables.putIfAbsent(versionPath, table) != null) {
        throw new IllegalStateException("path '" + versionPath + "' was already added");
      }
      return this;
    }

    /**
     * Tracks a file by URI and SHA-256 without copying it into the store.
     *
     * @param versionPath where it goes inside the version: segments valid under {@link Names},
     *     separated by {@code /}
     * @param file its location, hash and size
     * @return this builder
     */
    public Builder addExternal(String versionPath, ExternalFile file) {
      requireNonNull(file, "file");
      for (String segment : versionPath.split("/", -1)) {
        Names.requireValid("path segment", segment);
      }
      if (sources.containsKey(versionPath) || tables.containsKey(versionPath) || stored.containsKey(versionPath)
          || externals.putIfAbsent(versionPath, file) != null) {
        throw new IllegalStateException("path '" + versionPath + "' was already added");
      }
      return this;
    }

    /**
     * Adds a file whose bytes are already in the store ({@link DatasetStore#storeFile}, typically
     * run by other processes in parallel). The commit reads no bytes: it checks that every chunk
     * is stored and fails with a {@link dev.mlops.api.NotFoundException} if one is missing
     * (stored elsewhere, or collected since), then records the file.
     *
     * @param versionPath where it goes inside the version: segments valid under {@link Names},
     *     separated by {@code /}
     * @param file its hash, size and chunks
     * @return this builder
     */
    public Builder addStored(String versionPath, StoredFile file) {
      requireNonNull(file, "file");
      for (String segment : versionPath.split("/", -1)) {
        Names.requireValid("path segment", segment);
      }
      if (sources.containsKey(versionPath) || tables.containsKey(versionPath) || externals.containsKey(versionPath)
          || stored.putIfAbsent(versionPath, file) != null) {
        throw new IllegalStateException("path '" + versionPath + "' was already added");
      }
      return this;
    }

    /**
     * Records that the new version is derived from another version (a lineage input). Resolve
     * references first ({@link DatasetStore#resolve}) so the exact version is recorded.
     *
     * @param input the exact version it was derived from
     * @return this builder
     */
    public Builder derivedFrom(DatasetRef input) {
      requireNonNull(input, "input");
      if (derivedFrom.contains(input)) {
        throw new IllegalStateException("derivedFrom " + input + " was already added");
      }
      derivedFrom.add(input);
      return this;
    }

    /**
     * Describes how the new version was derived from its inputs (a query, a script's name and
     * version). Default empty.
     *
     * @param transformation the description
     * @return this builder
     */
    public Builder transformation(String transformation) {
      requireNonNull(transformation, "transformation");
      if (this.transformation != null) {
        throw new IllegalStateException("transformation was already set");
      }
      this.transformation = transformation;
      return this;
    }

    /**
     * Drops a file or a directory (everything under it) of the parent version from the new one.
     *
     * @param versionPath the path inside the version: segments valid under {@link Names},
     *     separated by {@code /}
     * @return this builder
     */
    public Builder remove(String versionPath) {
      for (String segment : versionPath.split("/", -1)) {
        Names.requireValid("path segment", segment);
      }
      if (!removals.add(versionPath)) {
        throw new IllegalStateException("path '" + versionPath + "' was already removed");
      }
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws IllegalStateException if the dataset is missing, nothing was added or removed, or a
     *     path is both added and removed
     */
    public CommitRequest build() {
      if (dataset == null) {
        throw new IllegalStateException("dataset(...) is required");
      }
      if (sources.isEmpty() && tables.isEmpty() && externals.isEmpty() && stored.isEmpty() && removals.isEmpty()) {
        throw new IllegalStateException("add(...) or remove(...) at least one path to commit");
      }
      for (String removed : removals) {
        if (sources.containsKey(removed) || tables.containsKey(removed) || externals.containsKey(removed)
            || stored.containsKey(removed)) {
          throw new IllegalStateException("path '" + removed + "' is both added and removed");
        }
      }
      return new CommitRequest(this);
    }
  }
}
