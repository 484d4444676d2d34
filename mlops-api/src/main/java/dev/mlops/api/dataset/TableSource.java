package dev.mlops.api.dataset;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Where a table committed with {@link CommitRequest.Builder#addTable} comes from. Tables are
 * stored as Arrow IPC streams in batches of {@value #BATCH_ROWS} rows (so appending rows changes
 * only the last batches and the rest deduplicates), with column profiles in the manifest.
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
}
