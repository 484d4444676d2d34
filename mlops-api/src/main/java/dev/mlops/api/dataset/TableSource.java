package dev.mlops.api.dataset;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Where a table committed with {@link CommitRequest.Builder#addTable} comes from. A table read from
 * a file (CSV, Parquet) keeps the file's own bytes, which checkout and {@code open} give back; every
 * table is also stored as an Arrow IPC stream (read by {@code openTable}) in batches of at most
 * {@value #BATCH_ROWS} rows (so appending rows changes only the last batches and the rest
 * deduplicates), with column profiles in the manifest.
 */
public sealed interface TableSource {
  /** Rows per stored record batch. */
  int BATCH_ROWS = 65_536;

  /**
   * The batches of an Arrow reader, read to its end during the commit; the caller closes it.
   *
   * @param reader the reader
   */
  record FromReader(ArrowReader reader) implements TableSource {
    /**
     * Creates the source.
     *
     * @param reader the reader
     */
    public FromReader {
      requireNonNull(reader, "reader");
    }
  }

  /**
   * The current content of a vector schema root, read during the commit; the caller closes it.
   *
   * @param root the root
   */
  record FromRoot(VectorSchemaRoot root) implements TableSource {
    /**
     * Creates the source.
     *
     * @param root the root
     */
    public FromRoot {
      requireNonNull(root, "root");
    }
  }

  /**
   * A CSV file with a header line, comma-separated, fields optionally quoted with {@code "}
   * (RFC 4180); an empty field is null. Without a schema, each column's type is inferred from all
   * its values: 64-bit integer, else double, else boolean ({@code true}/{@code false}), else text.
   *
   * @param file the CSV file
   * @param schema the columns' names and types, or empty to infer them
   */
  record FromCsv(Path file, Optional<Schema> schema) implements TableSource {
    /**
     * Creates the source.
     *
     * @param file the CSV file
     * @param schema the schema, or empty to infer it
     */
    public FromCsv {
      requireNonNull(file, "file");
      requireNonNull(schema, "schema");
    }
  }

  /**
   * A Parquet file, or a directory of Parquet part files as Spark and pandas write one table
   * ({@code part-*.parquet}; names starting with {@code _} or {@code .}, such as {@code _SUCCESS}
   * and checksum files, are left out, and every part must have the same schema). Columns must be
   * flat: boolean, integers (signed, and unsigned up to 32 bits), float, double, strings, binary,
   * decimals (precision up to 38), dates, timestamps (also Spark's INT96); a nested column (struct,
   * list, map, repeated) is refused with its name. Pages may be uncompressed or compressed with
   * Snappy, GZIP, ZSTD or LZ4_RAW. No Hadoop is needed.
   *
   * @param path the file or directory
   */
  record FromParquet(Path path) implements TableSource {
    /**
     * Creates the source.
     *
     * @param path the file or directory
     */
    public FromParquet {
      requireNonNull(path, "path");
    }
  }
}
