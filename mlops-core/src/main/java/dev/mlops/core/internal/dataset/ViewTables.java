package dev.mlops.core.internal.dataset;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.dataset.DatasetRef;
import dev.mlops.api.dataset.TableFormat;
import dev.mlops.api.dataset.TableFormatException;
import dev.mlops.api.dataset.UnknownColumnException;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.content.FileContent;
import dev.mlops.core.internal.content.Subject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** Reads tables of any version: stored ones from their chunks, a view's by materializing its base. */
final class ViewTables {
  private ViewTables() {}

  /** Whether an entry of this version is a view's table (it has no chunks of its own). */
  static boolean isVirtual(VersionReader.Loaded version, Manifest.Entry entry) {
    return version.manifest().view().isPresent() && entry.table().isPresent();
  }

  /** A CSV table committed without an Arrow copy (since the commit profiles it block by block). */
  static boolean isCsvWithoutArrow(Manifest.Entry entry) {
    return entry.table().isPresent() && entry.table().get().format() == Manifest.Format.CSV
        && entry.table().get().arrow().isEmpty();
  }

  /** Opens a table of a version as a reader of all its columns; a view's reads its base (recursively). */
  static ArrowReader open(ObjectStore store, VersionReader reader, VersionReader.Loaded version,
      Manifest.Entry entry, BufferAllocator allocator) {
    ArrowMemory.requireNioAccess();
    String label = "'" + entry.path() + "' in " + version.ref();
    if (!isVirtual(version, entry) && isCsvWithoutArrow(entry)) { // parsed as committed, with its schema
      return new CsvArrowReader(allocator, reader.content().openChunked(entry.content(),
          DefaultDatasetStore.subject(label)), label, VersionReader.schema(entry.table().get()));
    }
    if (!isVirtual(version, entry)) {
      return new ArrowStreamReader(reader.content().openChunked(entry.arrowContent(), DefaultDatasetStore.subject(label)),
          allocator);
    }
    Manifest.View view = version.manifest().view().get();
    VersionReader.Loaded base = base(reader, version);
    Manifest.Entry baseEntry = baseEntry(base, version, entry);
    Schema schema = VersionReader.schema(baseEntry.table().get());
    String baseLabel = "'" + entry.path() + "' in " + base.ref();
    List<String> columns = columns(view.columns(), schema, baseLabel);
    return openView(store, reader, base, baseEntry, columns, view.where().map(RowFilter::parseStored), allocator);
  }

  /**
   * A view of one table of a base version: the columns (checked against its schema) of the rows
   * the filter keeps. A stored Parquet base is read from its Parquet file(s) (see
   * {@link #openStoredParquet}); any other from its Arrow batches.
   */
  static ViewArrowReader openView(ObjectStore store, VersionReader reader, VersionReader.Loaded base,
      Manifest.Entry baseEntry, List<String> columns, Optional<RowFilter> filter, BufferAllocator allocator) {
    Schema schema = VersionReader.schema(baseEntry.table().get());
    String label = "'" + baseEntry.path() + "' in " + base.ref();
    Optional<BoundFilter> bound = filter.map(f -> BoundFilter.bind(f, schema, label));
    ArrowReader source = pushesDown(base, baseEntry)
        ? openStoredParquet(reader, base, baseEntry, columns, filter, allocator) : null;
    if (source == null) {
      source = open(store, reader, base, baseEntry, allocator);
    }
    return new ViewArrowReader(source, columns, bound, allocator);
  }

  /**
   * {@code false} reads views of Parquet tables through their Arrow copy, as before pushdown;
   * {@code true} reads the stored Parquet file(s) whatever they cost; unset, the cheaper one is
   * chosen ({@link #PUSHDOWN_SHARE}). Both give the same batches; for comparisons and tests.
   */
  static final String PUSHDOWN_PROPERTY = "mlops.view.parquetPushdown";

  /**
   * The view reads the stored Parquet file(s) when the column chunks it would decode (the needed
   * columns of the row groups not ruled out) hold at most this share of the table's uncompressed
   * Parquet bytes, and the Arrow copy otherwise: decoding Parquet costs more per value than reading
   * Arrow batches, so decoding most of the table is slower than reading the Arrow copy whole
   * (measured with {@code DatasetParquetViewReadBenchmark}: 3 of 6 columns, about a third of the
   * bytes, every row group read: 1.0 to 1.2 times the Arrow copy's time).
   */
  static final double PUSHDOWN_SHARE = 0.25;

  /** Whether a view of this table reads its stored Parquet file(s) rather than its Arrow copy. */
  private static boolean pushesDown(VersionReader.Loaded base, Manifest.Entry baseEntry) {
    Manifest.TableMeta table = baseEntry.table().orElseThrow();
    if (isVirtual(base, baseEntry) || table.format() != Manifest.Format.PARQUET
        || "false".equals(System.getProperty(PUSHDOWN_PROPERTY))) {
      return false;
    }
    List<FileContent> files = parquetFiles(baseEntry);
    return files.stream().noneMatch(f -> f.chunks().isEmpty()); // each stored in chunks of the store
  }

  private static List<FileContent> parquetFiles(Manifest.Entry entry) {
    List<Manifest.Part> parts = entry.table().orElseThrow().parts();
    return parts.isEmpty() ? List.of(entry.content()) : parts.stream().map(Manifest.Part::content).toList();
  }

  /**
   * The columns a view needs of a stored Parquet table (those it keeps and those its filter
   * reads), from the stored Parquet file(s) the table was committed from, or null when reading its
   * Arrow copy is cheaper ({@link #PUSHDOWN_SHARE}): only those columns' chunks are decoded, and row groups whose statistics prove that the filter keeps none of their
   * rows ({@link ParquetRowGroupPruning}) are not read, so their bytes are never fetched. The
   * batches of the row groups read are the ones the table's Arrow copy holds, since that copy was
   * written from this reader's batches (at most {@link dev.mlops.api.dataset.TableSource#BATCH_ROWS}
   * rows, never spanning two row groups), and a row group left out has no row the view keeps: the
   * view reads the same batches as from the Arrow copy, less those its filter empties, which it
   * skips either way.
   */
  private static ArrowReader openStoredParquet(VersionReader reader, VersionReader.Loaded base,
      Manifest.Entry baseEntry, List<String> columns, Optional<RowFilter> filter, BufferAllocator allocator) {
    ArrowMemory.requireNioAccess();
    java.util.LinkedHashSet<String> needed = new java.util.LinkedHashSet<>(columns);
    filter.ifPresent(f -> needed.addAll(f.columns()));
    // One chunk per column being read (their cursors move through the row group side by side),
    // one where a column chunk ends and the next begins, one for the footer.
    int cachedChunks = needed.size() + 2;
    List<Manifest.Part> parts = baseEntry.table().orElseThrow().parts();
    List<FileContent> files = parquetFiles(baseEntry);
    List<ParquetArrowReader.Part> opened = new java.util.ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      FileContent file = files.get(i);
      String name = baseEntry.path() + (parts.isEmpty() ? "" : "/" + parts.get(i).name()) + "' in '" + base.ref();
      Subject subject = DefaultDatasetStore.subject("the Parquet file '" + name + "'");
      opened.add(new ParquetArrowReader.Part(name, () -> ParquetFile.open(
          reader.content().openRandomAccess(file, subject, cachedChunks), name, false)));
    }
    ParquetArrowReader.RowGroupFilter keep = filter.<ParquetArrowReader.RowGroupFilter>map(
        f -> (file, group) -> ParquetRowGroupPruning.mayHoldTrue(f, file, group)).orElse((file, group) -> true);
    // The footers decide: the first part stays open for the reader (its footer is not fetched
    // twice), the others are opened again when the reader reaches them.
    ParquetFile first = null;
    long decoded = 0;
    long whole = 0;
    try {
      for (int i = 0; i < opened.size(); i++) {
        ParquetFile part = opened.get(i).opener().open();
        if (i == 0) {
          first = part;
        }
        try {
          for (org.apache.parquet.format.RowGroup group : part.footer().getRow_groups()) {
            boolean read = keep.mayKeep(part, group);
            for (int c = 0; c < group.getColumnsSize() && c < part.columns().size(); c++) {
              long bytes = group.getColumns().get(c).isSetMeta_data()
                  ? group.getColumns().get(c).getMeta_data().getTotal_uncompressed_size() : 0;
              whole += bytes;
              decoded += read && needed.contains(part.columns().get(c).field().getName()) ? bytes : 0;
            }
          }
        } finally {
          if (i > 0) {
            part.close();
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      closeQuietly(first);
      throw e instanceof IOException io ? new MlOpsException("Cannot read the Parquet footer of " + "'"
          + baseEntry.path() + "' in " + base.ref() + ": " + io.getMessage(), io) : (RuntimeException) e;
    }
    if (!"true".equals(System.getProperty(PUSHDOWN_PROPERTY)) && decoded > PUSHDOWN_SHARE * whole) {
      closeQuietly(first);
      return null;
    }
    ParquetFile firstOpen = first;
    ParquetArrowReader.Part head = opened.get(0);
    opened.set(0, new ParquetArrowReader.Part(head.name(), () -> firstOpen));
    return new ParquetArrowReader(allocator, opened, List.copyOf(needed), keep);
  }

  private static void closeQuietly(ParquetFile file) {
    if (file != null) {
      try {
        file.close();
      } catch (IOException ignored) {
        // a channel over stored chunks holds no resource but memory
      }
    }
  }

  private static VersionReader.Loaded base(VersionReader reader, VersionReader.Loaded view) {
    DatasetRef baseRef = VersionReader.parseRef(view.manifest().view().orElseThrow().base());
    return reader.loadBase(baseRef.dataset(), baseRef.versionId());
  }

  private static Manifest.Entry baseEntry(VersionReader.Loaded base, VersionReader.Loaded view, Manifest.Entry entry) {
    return base.manifest().files().stream()
        .filter(e -> e.path().equals(entry.path()) && e.table().isPresent()).findFirst()
        .orElseThrow(() -> new NotFoundException("The base " + base.ref() + " of view " + view.ref()
            + " has no table '" + entry.path() + "'; the store is damaged: run 'mlops store verify'"));
  }

  /**
   * The stored table a table of a version was committed as: its own; a view's, its base's (a view
   * of a view, its first stored base's).
   */
  static Manifest.TableMeta committedTable(VersionReader reader, VersionReader.Loaded version, Manifest.Entry entry) {
    if (!isVirtual(version, entry)) {
      return entry.table().orElseThrow();
    }
    VersionReader.Loaded base = base(reader, version);
    return committedTable(reader, base, baseEntry(base, version, entry));
  }

  /** The columns a view keeps of a table: all when none were named; each named one must exist. */
  static List<String> columns(List<String> requested, Schema schema, String table) {
    List<String> names = schema.getFields().stream().map(Field::getName).toList();
    for (String column : requested) {
      if (!names.contains(column)) {
        throw new UnknownColumnException(table, column, names);
      }
    }
    return requested.isEmpty() ? names : requested;
  }

  /** Writes a reader's batches as an Arrow IPC stream. */
  static long writeIpc(ArrowReader table, OutputStream out) throws IOException {
    long rows = 0;
    try (ArrowStreamWriter ipc = new ArrowStreamWriter(table.getVectorSchemaRoot(), table, Channels.newChannel(out))) {
      ipc.start();
      while (table.loadNextBatch()) {
        rows += table.getVectorSchemaRoot().getRowCount();
        ipc.writeBatch();
      }
      ipc.end();
    }
    return rows;
  }

  /**
   * Refuses a table that Parquet output cannot hold (a column of a type it does not write), before
   * a checkout writes any file.
   */
  static void requireParquetWritable(VersionReader.Loaded version, Manifest.Entry entry) {
    Optional<String> unsupported = ParquetSchemaMapping.unsupported(VersionReader.schema(entry.table().orElseThrow()));
    if (unsupported.isPresent()) {
      throw new TableFormatException("Cannot write '" + entry.path() + "' of " + version.ref() + " as Parquet: "
          + unsupported.get() + "; Parquet output writes " + ParquetSchemaMapping.SUPPORTED,
          dev.mlops.api.Remedy.CHECKOUT_CSV_OR_ARROW, null);
    }
  }

  /** A view's table as Arrow IPC bytes (see {@link #openAs}). */
  static InputStream openBytes(ObjectStore store, VersionReader reader, VersionReader.Loaded version,
      Manifest.Entry entry) {
    return openAs(store, reader, version, entry, TableFormat.ARROW);
  }

  /**
   * A table of a version (a view's or a stored one's) written in a format: materialized into a
   * temporary file, which is deleted when the stream is closed (so memory stays that of one batch).
   */
  static InputStream openAs(ObjectStore store, VersionReader reader, VersionReader.Loaded version,
      Manifest.Entry entry, TableFormat format) {
    Path temp = null;
    try {
      temp = Files.createTempFile("mlops-table-", "." + format.extension());
      try (BufferAllocator allocator = new RootAllocator();
          ArrowReader table = open(store, reader, version, entry, allocator);
          OutputStream out = Files.newOutputStream(temp)) {
        if (format == TableFormat.CSV) {
          CsvTableOutput.write(table, out);
        } else if (format == TableFormat.PARQUET) {
          ParquetTableOutput.write(table, out);
        } else {
          writeIpc(table, out);
        }
      }
      InputStream in = Files.newInputStream(temp, StandardOpenOption.DELETE_ON_CLOSE);
      temp = null;
      return in;
    } catch (IOException e) {
      throw new MlOpsException("Cannot materialize '" + entry.path() + "' of " + version.ref() + ": "
          + e.getMessage() + "; check the free space of the temporary directory", e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort: the temporary file is in the system's temporary directory
        }
      }
    }
  }
}
