package dev.mlops.core.internal.dataset;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.dataset.TableFormatException;
import dev.mlops.core.internal.content.ChunkedWriter;
import dev.mlops.core.internal.content.Chunker;
import dev.mlops.core.internal.content.ContentWrite;
import dev.mlops.core.internal.content.FileContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Commits a Parquet file, or a directory of Parquet part files, as one table: the files' bytes as
 * they are (so checkout gives them back), and the table's Arrow stream, profiles and sketches read
 * from them. A Parquet file is read from its end (the footer), so it cannot be parsed from the
 * stream that stores it, as a CSV is; instead each file is stored in a second pass over its bytes
 * (on the commit's executor, while the calling thread reads it) and must be unchanged (size,
 * modification time, file key) once both passes are done. The batches are profiled on the executor
 * too ({@link TableWriter#writeIpcProfilingAside}).
 */
final class ParquetTables {
  private ParquetTables() {}

  static Manifest.Entry write(String path, Path source, Chunker chunker, ContentWrite write,
      BufferAllocator allocator, Executor executor) throws IOException {
    boolean directory = Files.isDirectory(source);
    List<Path> files = directory ? parts(source) : List.of(source);
    List<BasicFileAttributes> before = new ArrayList<>();
    for (Path file : files) {
      before.add(attributes(file));
    }
    // The files' bytes are stored on the executor while the calling thread reads them as a table:
    // two passes over the same bytes, on two cores. Both streams (the files and the Arrow stream)
    // store their chunks on the executor too, so the store's fsyncs do not hold up their hashing.
    ChunkedWriter writer = write.chunked(chunker, executor);
    CompletableFuture<List<Manifest.Part>> storing = CompletableFuture.supplyAsync(() -> store(source, files, writer),
        executor);
    try (ParquetArrowReader reader = new ParquetArrowReader(allocator, files)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      List<ColumnProfiler> profilers = TableWriter.profilers(root);
      ChunkedWriter.Output arrow = write.chunked(chunker, executor).output();
      long rows = TableWriter.writeIpcProfilingAside(reader, root, profilers, arrow, executor, allocator);
      List<Manifest.Part> parts;
      try {
        parts = TableWriter.await(storing);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      for (int i = 0; i < files.size(); i++) {
        requireUnchanged(files.get(i), before.get(i));
      }
      FileContent derived = arrow.finish();
      if (directory) {
        return TableWriter.entry(path, root, derived, Optional.empty(), Manifest.Format.PARQUET, parts, rows,
            profilers, write);
      }
      return TableWriter.entry(path, root, parts.get(0).content(), Optional.of(derived), Manifest.Format.PARQUET,
          rows, profilers, write);
    } finally {
      storing.handle((done, failure) -> null).join(); // a failed read leaves no task writing behind
    }
  }

  private static List<Manifest.Part> store(Path source, List<Path> files, ChunkedWriter writer) {
    List<Manifest.Part> parts = new ArrayList<>();
    for (Path file : files) {
      try (InputStream in = Committer.openSource(file)) {
        parts.add(new Manifest.Part(source.relativize(file).toString(), writer.write(in)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return parts;
  }

  /**
   * The part files of a table directory, sorted by name: its files, leaving out names starting
   * with {@code _} or {@code .} ({@code _SUCCESS}, {@code .part-0.parquet.crc}), as Spark does.
   */
  static List<Path> parts(Path directory) throws IOException {
    List<Path> parts = new ArrayList<>();
    try (Stream<Path> entries = Files.list(directory)) {
      for (Path entry : entries.sorted().toList()) {
        String name = entry.getFileName().toString();
        if (name.startsWith("_") || name.startsWith(".")) {
          continue;
        }
        if (Files.isDirectory(entry)) {
          throw new TableFormatException("The Parquet table directory '" + directory + "' has a subdirectory '"
              + name + "' (a partition, as Hive-style key=value directories are): mlops reads the part files"
              + " of one directory. Commit each partition directory as its own table", null);
        }
        parts.add(entry);
      }
    }
    if (parts.isEmpty()) {
      throw new TableFormatException("The directory '" + directory + "' holds no Parquet part files; give a"
          + " Parquet file or a directory of part files", null);
    }
    return parts;
  }

  private static BasicFileAttributes attributes(Path file) throws IOException {
    return Files.readAttributes(file, BasicFileAttributes.class);
  }

  private static void requireUnchanged(Path file, BasicFileAttributes before) throws IOException {
    BasicFileAttributes after = attributes(file);
    if (after.size() != before.size() || !after.lastModifiedTime().equals(before.lastModifiedTime())
        || !java.util.Objects.equals(after.fileKey(), before.fileKey())) {
      throw new MlOpsException("'" + file + "' changed while it was committed; commit it again once it is"
          + " written");
    }
  }
}
