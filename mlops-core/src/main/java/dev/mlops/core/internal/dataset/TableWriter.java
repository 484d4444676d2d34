package dev.mlops.core.internal.dataset;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.dataset.ColumnProfile;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.drift.DriftDetector;
import dev.mlops.core.internal.content.ChunkedWriter;
import dev.mlops.core.internal.content.Chunker;
import dev.mlops.core.internal.content.ContentWrite;
import dev.mlops.core.internal.content.FileContent;
import dev.mlops.core.internal.content.Sha256;
import dev.mlops.core.internal.drift.profile.SketchProfile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Stores a table through chunked writers (so it is chunked and deduplicated like any file) while
 * profiling its columns in the same pass; the column sketches go to {@link TableSketches}, put
 * through the same content write. A table given as Arrow is stored as an Arrow IPC stream; a CSV
 * file is stored as its own bytes, profiled block by block ({@link CsvTables}); a Parquet file as its
 * own bytes with its Arrow IPC stream beside it ({@link ParquetTables}).
 */
final class TableWriter {
  private TableWriter() {}

  static Manifest.Entry write(String path, TableSource source, Chunker chunker,
      ContentWrite write, BufferAllocator allocator, dev.mlops.api.storage.ObjectStore store,
      java.util.concurrent.Executor executor, java.util.Optional<Manifest.Entry> earlier) {
    try {
      if (source instanceof TableSource.FromRoot r) {
        return writeRoot(path, r.root(), write.chunked(chunker), write);
      }
      if (source instanceof TableSource.FromReader r) {
        return writeReader(path, r.reader(), write.chunked(chunker), write);
      }
      if (source instanceof TableSource.FromParquet parquet) {
        return ParquetTables.write(path, parquet.path(), chunker, write, allocator, executor);
      }
      return CsvTables.write(path, (TableSource.FromCsv) source, chunker, write, store, executor, earlier);
    } catch (IOException e) {
      throw new MlOpsException("Cannot store the table '" + path + "': " + e.getMessage(), e);
    }
  }

  private static Manifest.Entry writeRoot(String path, VectorSchemaRoot root, ChunkedWriter writer,
      ContentWrite write) throws IOException {
    List<ColumnProfiler> profilers = profilers(root);
    ChunkedWriter.Output out = writer.output();
    try (ArrowStreamWriter ipc = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
      ipc.start();
      profile(root, profilers);
      ipc.writeBatch();
      ipc.end();
    }
    return entry(path, root, out.finish(), root.getRowCount(), profilers, write);
  }

  private static Manifest.Entry writeReader(String path, ArrowReader reader, ChunkedWriter writer,
      ContentWrite write) throws IOException {
    VectorSchemaRoot root = reader.getVectorSchemaRoot();
    List<ColumnProfiler> profilers = profilers(root);
    ChunkedWriter.Output out = writer.output();
    long rows = writeIpc(reader, root, profilers, out);
    return entry(path, root, out.finish(), rows, profilers, write);
  }

  /**
   * Describes a table without storing its bytes (a view's materialization): the hash and size of
   * its Arrow IPC stream, rows, profiles; its sketches are stored as for a stored table.
   */
  static Manifest.Entry describe(String path, ArrowReader reader, ContentWrite write) throws IOException {
    VectorSchemaRoot root = reader.getVectorSchemaRoot();
    List<ColumnProfiler> profilers = profilers(root);
    MessageDigest digest = Sha256.newDigest();
    long[] size = {0};
    OutputStream hashing = new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
        size[0] += length;
      }
    };
    long rows = writeIpc(reader, root, profilers, hashing);
    FileContent content = new FileContent(Sha256.finish(digest), size[0], List.of());
    return entry(path, root, content, rows, profilers, write);
  }

  /** Streams every batch of the reader as Arrow IPC into {@code out}, profiling it; returns the rows. */
  static long writeIpc(ArrowReader reader, VectorSchemaRoot root, List<ColumnProfiler> profilers,
      OutputStream out) throws IOException {
    long rows = 0;
    try (ArrowStreamWriter ipc = new ArrowStreamWriter(root, reader, Channels.newChannel(out))) {
      ipc.start();
      while (reader.loadNextBatch()) {
        profile(root, profilers);
        rows += root.getRowCount();
        ipc.writeBatch();
      }
      ipc.end();
    }
    return rows;
  }

  /**
   * As {@link #writeIpc}, but the calling thread only decodes: each decoded batch is moved to two
   * tasks on the executor, one writing it to the Arrow stream (serializing, chunking and hashing
   * it, as much work as decoding it) and one profiling it, while the calling thread decodes the
   * next one. Each task sees the batches one at a time in order (a batch is handed over only once
   * both tasks of the one before are done), so the stream's bytes and the profiles are exactly
   * {@link #writeIpc}'s; at most two batches are held, the one being written and profiled and the
   * one being decoded. The reader must allocate its vectors afresh for each batch, as
   * {@link ParquetArrowReader} does: a decoded batch's buffers are moved out of the root.
   */
  static long writeIpcProfilingAside(ArrowReader reader, VectorSchemaRoot root, List<ColumnProfiler> profilers,
      OutputStream out, Executor executor, BufferAllocator allocator) throws IOException {
    long rows = 0;
    CompletableFuture<Void> writing = CompletableFuture.completedFuture(null);
    CompletableFuture<Void> profiling = writing;
    try (BatchStreamWriter ipc = new BatchStreamWriter(root, reader, Channels.newChannel(out))) {
      ipc.start();
      while (reader.loadNextBatch()) {
        rows += root.getRowCount();
        awaitWrite(writing);
        await(profiling);
        VectorSchemaRoot batch = moved(root, allocator);
        // Both tasks only read the batch; the second to finish closes it.
        java.util.concurrent.atomic.AtomicInteger users = new java.util.concurrent.atomic.AtomicInteger(2);
        Runnable release = () -> {
          if (users.decrementAndGet() == 0) {
            batch.close();
          }
        };
        boolean writeSubmitted = false;
        try {
          writing = CompletableFuture.runAsync(() -> {
            try {
              ipc.write(batch);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            } finally {
              release.run();
            }
          }, executor);
          writeSubmitted = true;
          profiling = CompletableFuture.runAsync(() -> {
            try {
              profile(batch, profilers);
            } finally {
              release.run();
            }
          }, executor);
        } catch (RuntimeException rejected) { // an executor shut down: the tasks not started hold no share
          release.run();
          if (!writeSubmitted) {
            release.run();
          }
          throw rejected;
        }
      }
      awaitWrite(writing);
      await(profiling);
      ipc.end();
    } finally {
      // No task is left using a batch, the stream or the profilers.
      writing.handle((done, failure) -> null).join();
      profiling.handle((done, failure) -> null).join();
    }
    return rows;
  }

  private static void awaitWrite(CompletableFuture<Void> writing) throws IOException {
    try {
      await(writing);
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * An Arrow stream writer that writes a batch held in another root than the one it was opened
   * with (same schema), with the same unloading as {@link ArrowStreamWriter#writeBatch()}, so the
   * bytes are the same. The stream holds no dictionaries (Parquet columns are decoded to plain
   * vectors), so none are written before the batches.
   */
  private static final class BatchStreamWriter extends ArrowStreamWriter {
    BatchStreamWriter(VectorSchemaRoot root, org.apache.arrow.vector.dictionary.DictionaryProvider provider,
        java.nio.channels.WritableByteChannel out) {
      super(root, provider, out);
    }

    void write(VectorSchemaRoot batch) throws IOException {
      try (org.apache.arrow.vector.ipc.message.ArrowRecordBatch record = new org.apache.arrow.vector.VectorUnloader(
          batch, true, org.apache.arrow.vector.compression.NoCompressionCodec.INSTANCE, true).getRecordBatch()) {
        writeRecordBatch(record);
      }
    }
  }

  /** A root holding the batch's buffers, moved out of {@code root} without copying. */
  private static VectorSchemaRoot moved(VectorSchemaRoot root, BufferAllocator allocator) {
    List<FieldVector> vectors = new ArrayList<>();
    for (FieldVector vector : root.getFieldVectors()) {
      TransferPair transfer = vector.getTransferPair(allocator);
      transfer.transfer();
      vectors.add((FieldVector) transfer.getTo());
    }
    return new VectorSchemaRoot(root.getSchema().getFields(), vectors, root.getRowCount());
  }

  /** The task's result; its failure rethrown as it was thrown. */
  static <T> T await(CompletableFuture<T> task) {
    try {
      return task.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  static List<ColumnProfiler> profilers(VectorSchemaRoot root) {
    List<ColumnProfiler> profilers = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Field field : root.getSchema().getFields()) {
      if (!names.add(field.getName())) {
        throw new MlOpsException("The table has two columns named '" + field.getName()
            + "'; rename one so each column can be profiled and selected by name");
      }
      profilers.add(new ColumnProfiler(field));
    }
    return profilers;
  }

  static void profile(VectorSchemaRoot root, List<ColumnProfiler> profilers) {
    List<FieldVector> vectors = root.getFieldVectors();
    for (int i = 0; i < vectors.size(); i++) {
      profilers.get(i).update(vectors.get(i), root.getRowCount());
    }
  }

  /** The columns' sketches in schema order; columns without one are left out. */
  static SketchProfile sketches(org.apache.arrow.vector.types.pojo.Schema schema, List<ColumnProfiler> profilers) {
    Map<String, Object> sketches = new LinkedHashMap<>();
    List<Field> fields = schema.getFields();
    for (int i = 0; i < fields.size(); i++) {
      String name = fields.get(i).getName();
      profilers.get(i).sketch().ifPresent(sketch -> sketches.put(name, sketch));
    }
    return SketchProfile.of(DriftDetector.DEFAULT_SKETCH_SIZE, sketches);
  }

  private static Manifest.Entry entry(String path, VectorSchemaRoot root, FileContent content,
      long rows, List<ColumnProfiler> profilers, ContentWrite write) {
    return entry(path, root, content, java.util.Optional.empty(), Manifest.Format.ARROW, rows, profilers, write);
  }

  /** The entry; its sketches are keyed by the hash of its Arrow stream, which they describe. */
  static Manifest.Entry entry(String path, VectorSchemaRoot root, FileContent content,
      java.util.Optional<FileContent> arrow, Manifest.Format format, long rows,
      List<ColumnProfiler> profilers, ContentWrite write) {
    return entry(path, root, content, arrow, format, List.of(), rows, profilers, write);
  }

  static Manifest.Entry entry(String path, VectorSchemaRoot root, FileContent content,
      java.util.Optional<FileContent> arrow, Manifest.Format format, List<Manifest.Part> parts, long rows,
      List<ColumnProfiler> profilers, ContentWrite write) {
    return entry(path, root.getSchema(), content, arrow, format, parts, rows, profilers, write);
  }

  static Manifest.Entry entry(String path, org.apache.arrow.vector.types.pojo.Schema schema, FileContent content,
      java.util.Optional<FileContent> arrow, Manifest.Format format, List<Manifest.Part> parts, long rows,
      List<ColumnProfiler> profilers, ContentWrite write) {
    TreeMap<String, ColumnProfile> profiles = new TreeMap<>();
    List<Field> fields = schema.getFields();
    for (int i = 0; i < fields.size(); i++) {
      profiles.put(fields.get(i).getName(), profilers.get(i).finish());
    }
    String table = arrow.orElse(content).sha256();
    write.putDerived(TableSketches.key(table), TableSketches.encode(table, sketches(schema, profilers)));
    return new Manifest.Entry(path, content, java.util.Optional.of(
        new Manifest.TableMeta(rows, schema.toJson(), profiles, format, arrow, parts)));
  }
}
