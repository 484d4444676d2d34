package dev.mlops.core.internal.dataset;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.dataset.TableFormatException;
import dev.mlops.api.dataset.TableSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.VersionParser;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReaderImpl;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.io.api.PrimitiveConverter;

/**
 * Parquet files (the parts of one table, in order) read as Arrow batches of at most
 * {@link TableSource#BATCH_ROWS} rows; a batch never spans two row groups. Every part must have the
 * first part's schema. Public only so that {@code ParquetTableMeasurement} (mlops-benchmarks) can
 * time the reader apart from the rest of a commit; not an API.
 */
public final class ParquetArrowReader extends ArrowReader {
  private static final PrimitiveConverter IGNORED = new PrimitiveConverter() { };

  private final List<Part> files;
  /** The names of the columns to decode; empty for all. */
  private final List<String> only;
  private final RowGroupFilter keep;
  /** The indices, in the file's columns, of the columns decoded. */
  private int[] selected;
  private int nextFile;
  private ParquetFile current;
  private int nextGroup;
  private long rowsLeftInGroup;
  private List<Decoder> readers = List.of();
  private boolean bulk = true;
  /** The column chunks read by {@link ParquetBulkColumn}, for tests. */
  private int bulkChunks;
  private final ParquetBulkColumn.Scratch scratch = new ParquetBulkColumn.Scratch();
  private Schema schema;

  /**
   * A reader of the files, opened at the first batch.
   *
   * @param allocator where the batches' buffers come from
   * @param files the parts of one table, in order
   */
  public ParquetArrowReader(BufferAllocator allocator, List<Path> files) {
    this(allocator, files.stream().<Part>map(file -> new Part(file.toString(), () -> ParquetFile.open(file)))
        .toList(), List.of(), (file, group) -> true);
  }

  /**
   * A reader of some columns of the parts, which skips the row groups {@code keep} rules out
   * (their column chunks are never read); the batches of the row groups it reads are those the
   * reader of all columns gives.
   *
   * @param columns the columns to decode, each in the parts' schema; empty for all
   */
  ParquetArrowReader(BufferAllocator allocator, List<Part> parts, List<String> columns, RowGroupFilter keep) {
    super(allocator);
    this.files = List.copyOf(parts);
    this.only = List.copyOf(columns);
    this.keep = keep;
  }

  /** One part file of a table, opened when the reader reaches it. */
  record Part(String name, Opener opener) {}

  /** Opens a part. */
  interface Opener {
    ParquetFile open() throws IOException;
  }

  /** Reads a column chunk's next values into a vector. */
  private interface Decoder {
    void read(FieldVector vector, int rows);
  }

  /**
   * Decodes every column with parquet-column's per-value reader, not {@link ParquetBulkColumn}:
   * for tests, which compare the two.
   */
  ParquetArrowReader withoutBulkDecoding() {
    bulk = false;
    return this;
  }

  /** The column chunks read so far by {@link ParquetBulkColumn}. */
  int bulkChunks() {
    return bulkChunks;
  }

  /** Whether a row group may hold rows the reader needs; false skips it unread. */
  interface RowGroupFilter {
    boolean mayKeep(ParquetFile file, RowGroup group);
  }

  @Override
  protected Schema readSchema() throws IOException {
    current = files.get(0).opener().open();
    nextFile = 1;
    schema = current.schema();
    List<String> names = current.columns().stream().map(c -> c.field().getName()).toList();
    selected = only.isEmpty() ? java.util.stream.IntStream.range(0, names.size()).toArray()
        : java.util.stream.IntStream.range(0, names.size()).filter(i -> only.contains(names.get(i))).toArray();
    if (selected.length == names.size()) {
      return schema;
    }
    return new Schema(java.util.Arrays.stream(selected).mapToObj(i -> current.columns().get(i).field()).toList());
  }

  @Override
  public boolean loadNextBatch() throws IOException {
    prepareLoadNextBatch();
    VectorSchemaRoot root = getVectorSchemaRoot();
    while (rowsLeftInGroup == 0) {
      if (!nextRowGroup()) {
        root.setRowCount(0);
        return false;
      }
    }
    int rows = (int) Math.min(TableSource.BATCH_ROWS, rowsLeftInGroup);
    List<FieldVector> vectors = root.getFieldVectors();
    for (FieldVector vector : vectors) {
      vector.setInitialCapacity(rows); // the fixed-width loops store without bounds growth
      vector.allocateNew();
    }
    List<ParquetColumn> columns = current.columns();
    try {
      for (int c = 0; c < vectors.size(); c++) {
        readers.get(c).read(vectors.get(c), rows);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (TableFormatException | IntegrityException e) { // a stored file's chunk is damaged: the store's fault
      throw e;
    } catch (RuntimeException e) { // parquet-column's decoders on damaged pages
      throw ParquetFile.damaged(current.label(), "a page does not decode (" + e + ")", e);
    }
    root.setRowCount(rows);
    rowsLeftInGroup -= rows;
    return true;
  }

  /** Moves to the next row group, opening the next part when this one has none left. */
  private boolean nextRowGroup() throws IOException {
    while (nextGroup >= current.footer().getRow_groupsSize()) {
      if (nextFile >= files.size()) {
        return false;
      }
      current.close();
      current = files.get(nextFile).opener().open();
      if (!current.schema().equals(schema)) {
        throw new TableFormatException("The Parquet parts of one table must have one schema: '" + files.get(0).name()
            + "' has " + ParquetFile.describe(schema) + " but '" + files.get(nextFile).name() + "' has "
            + ParquetFile.describe(current.schema()) + "; commit them as separate tables", null);
      }
      nextFile++;
      nextGroup = 0;
    }
    RowGroup group = current.footer().getRow_groups().get(nextGroup++);
    List<ParquetColumn> columns = current.columns();
    if (group.getColumnsSize() != columns.size()) {
      throw ParquetFile.damaged(current.label(), "a row group has " + group.getColumnsSize() + " columns, the schema "
          + columns.size(), null);
    }
    if (!keep.mayKeep(current, group)) {
      rowsLeftInGroup = 0; // skipped unread: the caller moves on to the next row group
      return true;
    }
    VersionParser.ParsedVersion writer = writerVersion(current.footer().getCreated_by());
    List<Decoder> next = new ArrayList<>();
    for (int c : selected) {
      ColumnChunk chunk = group.getColumns().get(c);
      ParquetColumn column = columns.get(c);
      ParquetPages pages = new ParquetPages(current.channel(), chunk.getMeta_data(), column.descriptor(),
          current.label());
      if (bulk && ParquetBulkColumn.handles(column, chunk.getMeta_data())) {
        try {
          next.add(new ParquetBulkColumn(column, pages, scratch)::read);
          bulkChunks++;
        } catch (TableFormatException | IntegrityException e) {
          throw e;
        } catch (RuntimeException e) {
          throw ParquetFile.damaged(current.label(), "column '" + column.field().getName()
              + "': its dictionary does not decode (" + e + ")", e);
        }
      } else {
        ColumnReader reader = new ColumnReaderImpl(column.descriptor(), pages, IGNORED, writer);
        next.add((vector, rows) -> column.read(reader, vector, rows));
      }
    }
    readers = next;
    rowsLeftInGroup = group.getNum_rows();
    return true;
  }

  /** The writer's version, which tells parquet-column about old writers' known bugs; unknown is fine. */
  private static VersionParser.ParsedVersion writerVersion(String createdBy) {
    try {
      return createdBy == null ? null : VersionParser.parse(createdBy);
    } catch (VersionParser.VersionParseException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public long bytesRead() {
    return 0;
  }

  @Override
  protected void closeReadSource() throws IOException {
    if (current != null) {
      current.close();
    }
  }
}
