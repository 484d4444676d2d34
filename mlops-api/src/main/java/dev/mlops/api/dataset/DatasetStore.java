package dev.mlops.api.dataset;

import dev.mlops.api.ConflictException;
import dev.mlops.api.IntegrityException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.drift.ReferenceProfile;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Versioned, deduplicated, verifiable data. A dataset is a named line of immutable versions; heads
 * (default {@code main}) move to new versions, tags pin one version forever. Content is cut into
 * content-defined chunks stored once by SHA-256, so a new version stores only what changed.
 *
 * <p>A <em>reference</em> names one version: {@code name@<id or unique id prefix>},
 * {@code name@<tag>}, {@code name@<head>}, {@code name@<head>~N} (N versions before the head), or
 * just {@code name} for {@code name@main}.
 *
 * <p>Every byte read back is verified against its address. Thread-safe; several processes may
 * commit to one store at once (heads move by compare-and-set).
 */
public interface DatasetStore {
  /**
   * Commits a new version on top of the request's head and moves the head to it.
   *
   * @param request what to commit
   * @return the committed version
   * @throws ConflictException if another writer moved the head meanwhile and the commit could not
   *     be rebased, or deleted it meanwhile
   * @throws dev.mlops.api.MlOpsException if a source file cannot be read
   */
  default DatasetVersion commit(CommitRequest request) {
    return commitWithStats(request).version();
  }

  /**
   * Commits like {@link #commit} and also reports what the commit read and stored.
   *
   * @param request what to commit
   * @return the committed version and the commit's costs
   * @throws DatasetConflictException if another writer moved the head meanwhile and the commit
   *     could not be rebased; the exception carries both versions
   * @throws ConflictException if another writer deleted the head meanwhile; the message names the
   *     version stored
   * @throws dev.mlops.api.MlOpsException if a source file cannot be read, or is a symbolic link
   *     leading outside the directory being committed
   */
  CommitResult commitWithStats(CommitRequest request);

  /**
   * Stores a file's bytes as content-defined chunks (deduplicated by address, as a commit stores
   * them) without committing anything, for a commit that another process makes from the result
   * ({@link CommitRequest.Builder#addStored}). Storing the same bytes again stores nothing new, so
   * a retried worker is harmless. Until a version points to them the chunks are unreferenced:
   * garbage collection removes them once they are older than its grace period, so commit well
   * within it (a commit checks every chunk is still there).
   *
   * @param content the bytes, read to their end and not closed
   * @param averageChunkSize the target average chunk size, as {@link CommitRequest#averageChunkSize()};
   *     use the same for every version of a dataset, or versions share no chunks
   * @return the file's hash, size and chunks
   * @throws IllegalArgumentException if the chunk size is not a power of two from 64 bytes to 64 MiB
   * @throws dev.mlops.api.MlOpsException if the stream cannot be read
   */
  StoredFile storeFile(InputStream content, int averageChunkSize);

  /**
   * Resolves a reference to a version.
   *
   * @param reference a reference as described above
   * @return the version
   * @throws NotFoundException if the dataset, head, tag or version does not exist
   * @throws ConflictException if an id prefix matches several versions
   */
  DatasetVersion resolve(String reference);

  /**
   * Lists the datasets in the store.
   *
   * @return dataset names, sorted
   */
  List<String> datasets();

  /**
   * Walks the history from a version back through its parents, newest first. Lazy; close it.
   *
   * @param reference where to start
   * @return the version and its ancestors
   * @throws NotFoundException if the reference does not resolve
   */
  Stream<DatasetVersion> history(String reference);

  /**
   * Walks a version's lineage: the versions it was derived from, theirs, and so on, each once,
   * nearest first (breadth-first). The version itself is not included.
   *
   * @param reference where to start
   * @return the versions it derives from, directly or not
   * @throws NotFoundException if the reference, or a recorded input, does not resolve
   */
  List<DatasetVersion> lineage(String reference);

  /**
   * Pins a version under an immutable tag.
   *
   * @param reference the version to tag
   * @param tag a name valid under {@link dev.mlops.api.Names}
   * @throws ConflictException if the tag already points elsewhere
   */
  void tag(String reference, String tag);

  /**
   * Deletes a tag. The version it named stays while a head, another tag, a run or a model version
   * reaches it; otherwise the next garbage collection (after its grace period) reclaims what only
   * that version held.
   *
   * @param dataset the dataset's name
   * @param tag the tag to delete
   * @throws NotFoundException if the dataset has no such tag
   */
  void deleteTag(String dataset, String tag);

  /**
   * Deletes a head (a line of versions, like a git branch). Its versions stay while another head,
   * a tag, a run or a model version reaches them; otherwise the next garbage collection (after its
   * grace period) reclaims what only they held. A commit racing the deletion may land just before
   * it; its version is then kept only by the grace period.
   *
   * @param dataset the dataset's name
   * @param head the head to delete
   * @throws NotFoundException if the dataset has no such head
   */
  void deleteHead(String dataset, String head);

  /**
   * Compares two versions file by file.
   *
   * @param from the older version's reference
   * @param to the newer version's reference
   * @return the differences
   */
  DatasetDiff diff(String from, String to);

  /**
   * Writes a version's files into a directory, verifying every byte.
   *
   * @param reference the version
   * @param target the directory, created if needed
   * @throws IntegrityException if stored content does not match its address
   */
  default void checkout(String reference, Path target) {
    checkout(reference, target, List.of());
  }

  /**
   * Writes some of a version's files into a directory, verifying every byte. Each file appears
   * whole or not at all; existing files at the same paths are replaced.
   *
   * @param reference the version
   * @param target the directory, created if needed
   * @param paths files or directories inside the version to write; empty means all
   * @throws NotFoundException if a path matches no file of the version
   * @throws IntegrityException if stored content does not match its address
   */
  void checkout(String reference, Path target, java.util.Collection<String> paths);

  /**
   * Writes some of a version's files into a directory like {@link #checkout(String, Path,
   * java.util.Collection)}, with its tables written in the given format. Plain files, and tables
   * already in that format as committed, are written byte for byte; other tables are converted
   * from their Arrow view and their file name's table extension ({@code .csv}, {@code .parquet},
   * {@code .arrow}, {@code .arrows}) is replaced by the format's ({@link TableFormat#extension()}),
   * or added when the name has none. A view's tables are materialized from its base.
   *
   * <p>Without a format (the other {@code checkout} methods), a view's table is written in the
   * format of the base file it was defined on (a view of a CSV table checks out as CSV, of a
   * Parquet table as Parquet). A table committed from a directory of Parquet part files and written
   * as one file gets the format's extension ({@code events} as Parquet is {@code events.parquet}).
   *
   * @param reference the version
   * @param target the directory, created if needed
   * @param paths files or directories inside the version to write; empty means all
   * @param tableFormat the format of the tables written
   * @throws NotFoundException if a path matches no file of the version
   * @throws IntegrityException if stored content does not match its address
   * @throws TableFormatException with {@link dev.mlops.api.Remedy#CHECKOUT_CSV_OR_ARROW} for
   *     {@link TableFormat#PARQUET} when a table to convert has a column Parquet output does not
   *     write (a nested, 8- or 16-bit, unsigned or dictionary-encoded one, for example); nothing is
   *     written then
   */
  void checkout(String reference, Path target, java.util.Collection<String> paths, TableFormat tableFormat);

  /**
   * Opens one file of a version as a stream that verifies content as it reads.
   *
   * @param reference the version
   * @param path the file's path inside the version
   * @return the file's bytes; reading corrupt content throws {@link IntegrityException}
   * @throws NotFoundException if the version has no such file
   */
  InputStream open(String reference, String path);

  /**
   * Opens a table file of a version (stored as Arrow IPC) as a reader that streams its batches.
   *
   * @param reference the version
   * @param path the table's path inside the version
   * @param allocator where the batches' buffers are allocated; the caller closes the reader first
   * @return a reader; close it
   * @throws NotFoundException if the version has no such table
   */
  default ArrowReader openTable(String reference, String path, BufferAllocator allocator) {
    return openTable(reference, path, allocator, List.of());
  }

  /**
   * Opens some columns of a table file of a version as a reader that streams its batches. Every
   * byte is verified against its address as it is read.
   *
   * @param reference the version
   * @param path the table's path inside the version
   * @param allocator where the batches' buffers are allocated; the caller closes the reader first
   * @param columns the columns to read, in this order; empty means all
   * @return a reader; close it
   * @throws NotFoundException if the version has no such table or the table no such column
   */
  ArrowReader openTable(String reference, String path, BufferAllocator allocator, List<String> columns);

  /**
   * Commits a virtual version: a column projection and/or a row filter of every table of a base
   * version, stored as metadata only (the base's id, the columns, the filter) and materialized
   * from the base when read ({@link #openTable}, {@link #open}, {@link #checkout}). The commit
   * reads the base's tables once to record the view's row counts, column profiles and sketches,
   * and stores none of its rows. The view's lineage input is the base. The head moves by
   * compare-and-set as for {@link #commit}; a normal commit cannot extend a view's head.
   *
   * @param request the view
   * @return the view's version
   * @throws NotFoundException if the base does not resolve
   * @throws UnknownColumnException if a column (projected or filtered on) is not in a table
   * @throws dev.mlops.api.experiment.FilterSyntaxException if the filter does not parse; the
   *     message shows the filter with a caret under the place, as a run search's does
   * @throws IllegalArgumentException if the filter compares a column with a literal of another type
   * @throws DatasetConflictException if another writer moved the head meanwhile
   * @throws ConflictException if another writer deleted the head meanwhile
   */
  DatasetVersion commitView(ViewRequest request);

  /**
   * Returns the drift reference of a version's only table, read from the column sketches stored
   * when the table was committed: no raw data is read. See {@link #profile(String, String)}.
   *
   * @param reference the version, such as {@code weather@v1}
   * @return the reference profile, to pass to
   *     {@link dev.mlops.api.drift.DriftDetector#compare(dev.mlops.api.drift.ReferenceProfile,
   *     dev.mlops.api.drift.Sample, dev.mlops.api.drift.DriftConfig)}
   * @throws NotFoundException if the version has no table, or several (then name one)
   */
  default ReferenceProfile profile(String reference) {
    DatasetVersion version = resolve(reference);
    List<String> tables = version.files().stream().filter(DatasetFile::isTable).map(DatasetFile::path).toList();
    if (tables.isEmpty()) {
      throw new NotFoundException("Version " + version.ref() + " has no table to profile",
          dev.mlops.api.Remedy.COMMIT_TABLE);
    }
    if (tables.size() > 1) {
      throw new NotFoundException("Version " + version.ref() + " has " + tables.size() + " tables "
          + tables, dev.mlops.api.Remedy.NAME_TABLE);
    }
    return profile(version.ref().toString(), tables.get(0));
  }

  /**
   * Returns the drift reference of a table in a version: per column the sketches its profile
   * stored at commit (a KLL quantile sketch, k = {@link dev.mlops.api.drift.DriftDetector#DEFAULT_SKETCH_SIZE},
   * for integer, floating-point and decimal columns; a frequent-items sketch for text and boolean
   * columns). Columns without values, with infinite values, or of other types (dates, times,
   * binary, nested) are not in it. Results of a comparison with it are sketch-based
   * ({@code exact = false}), with the error bounds of docs/drift.md. A table committed before
   * sketches were stored is profiled once from its data and its sketches stored.
   *
   * @param reference the version
   * @param path the table's path inside the version
   * @return the reference profile
   * @throws NotFoundException if the version has no such table
   * @throws IntegrityException if the stored sketches are damaged
   */
  ReferenceProfile profile(String reference, String path);
}
