package dev.mlops.core.internal.dataset;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.core.input.CsvRecords;
import dev.mlops.core.input.Excerpt;
import dev.mlops.core.internal.content.ChunkedWriter;
import dev.mlops.core.internal.content.Chunker;
import dev.mlops.core.internal.content.ContentWrite;
import dev.mlops.core.internal.content.FileContent;
import dev.mlops.core.internal.content.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.jspecify.annotations.Nullable;

/**
 * Commits a CSV file as a table in one pass over its bytes: they are stored as they are (chunked
 * like any file, so a checkout gives them back) while they are cut into blocks of whole records
 * ({@link CsvBlocks}) that are parsed and profiled on the commit's executor ({@link CsvBlock}). A
 * block derived by an earlier commit is read back instead of parsed, so appending rows to a
 * committed file parses only the new rows and the last old block. The blocks' results merge in file
 * order into the schema (each column the narrowest type that fits all its values: Int64, Float64,
 * Bool, else Utf8), row count, profiles and sketches; since blocks are cut by content, the same file
 * always gives the same profile, however it was committed before.
 *
 * <p>No Arrow copy of the table is stored: readers parse the stored CSV with the stored schema
 * ({@link ViewTables#open}).
 *
 * <p>A column inferred as text whose values were all numbers (or all booleans) in some block was
 * profiled there as such; the blocks are then read a second time with the table's types.
 */
final class CsvTables {
  /** Blocks being derived at once, at most: bounds the memory (a block is at most 8 MiB). */
  private static final int IN_FLIGHT = 4;
  /** The line a block is parsed from before its place is known: not the first (which may hold a byte-order mark). */
  private static final long UNKNOWN_LINE = 2;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CsvTables.class);

  private CsvTables() {}

  /**
   * Stores a CSV file as a table.
   *
   * @param previousSize the size of the file this path held in the parent version, if any: a chunk
   *     ends there, so a file that grew by appended rows keeps all of the earlier file's chunks
   */
  static Manifest.Entry write(String path, TableSource.FromCsv csv, Chunker chunker, ContentWrite write,
      ObjectStore store, Executor executor, java.util.OptionalLong previousSize) throws IOException {
    Path file = csv.file();
    try {
      CsvRecords.open(file).close(); // the checks and messages of a plain open: missing, directory, unreadable
    } catch (IllegalArgumentException e) {
      throw new MlOpsException("Cannot read the CSV file: " + e.getMessage(), e);
    }
    ChunkedWriter.Output original = write.chunked(chunker).output();
    Copy copy = new Copy(original, previousSize.orElse(-1));
    Table table = derive(() -> Files.newInputStream(file), file.toString(), csv.schema(), copy, write, store,
        executor, CsvBlocks.Sizes.DEFAULT);
    write.putDerived(CsvBlock.tableKey(table.sha256(), table.schema().toJson()), CsvBlock.encodeTable(table.keys()));
    return TableWriter.entry(path, table.schema(), original.finish(), Optional.empty(), Manifest.Format.CSV,
        List.of(), table.rows(), table.profilers(), write);
  }

  /**
   * Where the bytes read are stored.
   *
   * @param out the chunked output
   * @param endChunkAt where a chunk ends whatever the chunker says, or -1
   */
  record Copy(ChunkedWriter.Output out, long endChunkAt) {}

  /** Opens the CSV's bytes. */
  interface Source {
    InputStream open() throws IOException;
  }

  /**
   * What a CSV gives as a table.
   *
   * @param sha256 the hash of its bytes
   * @param schema its columns
   * @param rows its row count
   * @param profilers its columns' profiles, in schema order
   * @param keys the keys of its blocks' stored profiles
   * @param firstReading how many of the keys are those of the first reading (the rest are of the
   *     second, with the table's types)
   */
  record Table(String sha256, Schema schema, long rows, List<ColumnProfiler> profilers, List<String> keys,
      int firstReading) {}

  /**
   * Reads a CSV once (twice when a column must be profiled again as text), deriving its blocks in
   * parallel or reading them back, and merges them.
   *
   * @param original where the bytes read are stored, or null
   */
  static Table derive(Source source, String label, Optional<Schema> schema, @Nullable Copy original,
      ContentWrite write, ObjectStore store, Executor executor, CsvBlocks.Sizes sizes) throws IOException {
    Optional<List<ArrowType>> given = schema.map(s -> s.getFields().stream().map(Field::getType).toList());
    Pass pass = new Pass(label, schema, given.orElse(null), write, store, executor);
    String sha256 = feed(source, pass, original, sizes);
    List<String> keys = new ArrayList<>(pass.keys);
    int firstReading = keys.size();
    List<Field> fields = new ArrayList<>();
    boolean widened = false;
    for (int c = 0; c < pass.names.size(); c++) {
      ArrowType type = given.isPresent() ? given.get().get(c) : CsvBlock.typeOf(pass.flags[c]);
      fields.add(new Field(pass.names.get(c), FieldType.nullable(type), null));
      widened |= given.isEmpty() && type instanceof ArrowType.Utf8
          && (pass.kinds[c] & (1 << CsvBlock.NUMERIC | 1 << CsvBlock.BOOL)) != 0;
    }
    Schema table = schema.orElse(new Schema(fields));
    if (widened) {
      pass = new Pass(label, schema, fields.stream().map(Field::getType).toList(), write, store, executor);
      if (!feed(source, pass, null, sizes).equals(sha256)) {
        throw new MlOpsException("The CSV file '" + label + "' changed while it was being committed; commit it"
            + " again once it is written");
      }
      keys.addAll(pass.keys);
    }
    List<ColumnProfiler> profilers = new ArrayList<>();
    for (int c = 0; c < fields.size(); c++) {
      ColumnProfiler profiler = new ColumnProfiler(table.getFields().get(c));
      profiler.merge(pass.merged[c]);
      profilers.add(profiler);
    }
    return new Table(sha256, table, pass.rows, profilers, keys, firstReading);
  }

  /** Feeds the bytes to the pass (and to {@code original}); returns their hash. */
  private static String feed(Source source, Pass pass, @Nullable Copy original,
      CsvBlocks.Sizes sizes) throws IOException {
    CsvBlocks blocks = new CsvBlocks(pass, pass.label, sizes);
    // With a copy, its content hash is the bytes' hash; without, they are hashed here.
    MessageDigest digest = original == null ? Sha256.newDigest() : null;
    try (InputStream in = source.open()) {
      byte[] buffer = new byte[1 << 20];
      long read = 0;
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        if (original != null) {
          long at = original.endChunkAt() - read;
          if (at >= 0 && at <= n) { // the earlier file's end: its chunks come out as they were
            original.out().write(buffer, 0, (int) at);
            original.out().endChunk();
            original.out().write(buffer, (int) at, n - (int) at);
          } else {
            original.out().write(buffer, 0, n);
          }
          read += n;
        } else {
          digest.update(buffer, 0, n);
        }
        blocks.write(buffer, 0, n);
      }
    }
    blocks.finish();
    pass.finish();
    return original != null ? original.out().finish().sha256() : Sha256.finish(digest);
  }

  /** One reading of the file: its blocks derived in parallel, merged in order. */
  private static final class Pass implements CsvBlocks.Sink {
    final String label;
    private final Optional<Schema> schema;
    private final @Nullable List<ArrowType> types;
    private final ContentWrite write;
    private final ObjectStore store;
    private final Executor executor;
    private final ArrayDeque<CompletableFuture<Derived>> pending = new ArrayDeque<>();
    private CsvBlock.@Nullable Reading reading;
    List<String> names = List.of();
    final List<String> keys = new ArrayList<>();
    long rows;
    /** The line the next block starts on. */
    long line = 1;
    int[] flags = new int[0];
    int[] kinds = new int[0];
    ColumnProfiler[] merged = new ColumnProfiler[0];

    Pass(String label, Optional<Schema> schema, @Nullable List<ArrowType> types, ContentWrite write,
        ObjectStore store, Executor executor) {
      this.label = label;
      this.schema = schema;
      this.types = types;
      this.write = write;
      this.store = store;
      this.executor = executor;
    }

    @Override
    public void header(byte[] bytes, int length) {
      List<String> header;
      try (CsvRecords records = new CsvRecords(CsvRecords.utf8(new ByteArrayInputStream(bytes, 0, length)), label)) {
        header = records.next();
      } catch (IllegalArgumentException e) {
        throw new MlOpsException("CSV file " + e.getMessage(), e);
      } catch (IOException e) {
        throw new MlOpsException("Cannot read the CSV file '" + label + "': " + e.getMessage(), e);
      }
      if (header == null) {
        throw new MlOpsException("CSV file '" + label + "' is empty; a CSV table needs a header line naming its"
            + " columns (line 1)");
      }
      if (schema.isPresent()) {
        List<String> given = schema.get().getFields().stream().map(Field::getName).toList();
        if (!given.equals(header)) {
          throw new MlOpsException("CSV file '" + label + "' has the header " + Excerpt.of(header.toString())
              + " but the schema names the columns " + Excerpt.of(given.toString()) + " (line 1)");
        }
      }
      if (new java.util.HashSet<>(header).size() != header.size()) {
        String twice = header.stream().filter(h -> header.indexOf(h) != header.lastIndexOf(h)).findFirst().orElseThrow();
        throw new MlOpsException("The table has two columns named '" + twice
            + "'; rename one so each column can be profiled and selected by name");
      }
      names = List.copyOf(header);
      for (int i = 0; i < length; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      reading = new CsvBlock.Reading(names.size(), types);
      flags = new int[names.size()];
      kinds = new int[names.size()];
      merged = new ColumnProfiler[names.size()];
      for (int c = 0; c < merged.length; c++) {
        merged[c] = new ColumnProfiler();
      }
    }

    @Override
    public void block(byte[] bytes, int length) {
      byte[] copy = Arrays.copyOf(bytes, length);
      CsvBlock.Reading r = reading;
      pending.addLast(CompletableFuture.supplyAsync(() -> derived(copy, r), executor));
      while (pending.size() >= IN_FLIGHT) {
        mergeNext();
      }
    }

    @Override
    public void tooLong(byte[] bytes, int length) {
      if (reading == null) { // the header: CsvRecords fails on it with line and limit
        header(bytes, length);
        return;
      }
      finish(); // the blocks before it are merged: its first line is known
      CsvBlock.derive(bytes, length, line, label, names, reading);
    }

    void finish() {
      while (!pending.isEmpty()) {
        mergeNext();
      }
    }

    private void mergeNext() {
      Derived next;
      try {
        next = pending.removeFirst().join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause;
        }
        throw e;
      }
      if (next.block() == null) { // it failed: derive it again where its lines are known, for the message
        CsvBlock.derive(next.bytes(), next.bytes().length, line, label, names, reading);
        throw new IllegalStateException("a block failed once but not again"); // derivation is deterministic
      }
      keys.add(next.key());
      CsvBlock block = next.block();
      rows += block.rows;
      line += block.lines;
      for (int c = 0; c < merged.length; c++) {
        flags[c] |= block.flags[c];
        kinds[c] |= 1 << block.kinds[c];
        merged[c].merge(block.profiles[c]);
      }
      write.keepAlive();
    }

    /**
     * The block's result: stored by an earlier commit, or derived now and stored. Either way it is
     * the stored form that is merged, so a table's profile never depends on which blocks were new.
     * A block that fails is returned as such: its line numbers are known only in file order.
     */
    private Derived derived(byte[] bytes, CsvBlock.Reading r) {
      String descriptor = r.descriptor(Sha256.hex(Sha256.newDigest().digest(bytes)));
      String key = CsvBlock.key(descriptor);
      Optional<StoredBytes> stored = store.get(key);
      if (stored.isPresent()) {
        Optional<CsvBlock> block = CsvBlock.decode(stored.get().bytes(), descriptor);
        if (block.isPresent()) {
          return new Derived(key, block.get(), null);
        }
        LOG.warn("The table block {} is damaged; deriving it again from the file (delete it to have it stored"
            + " anew)", key);
      }
      byte[] encoded;
      try {
        encoded = CsvBlock.derive(bytes, bytes.length, UNKNOWN_LINE, label, names, r).encode(descriptor);
      } catch (MlOpsException e) {
        return new Derived(key, null, bytes);
      }
      write.putDerived(key, encoded);
      return new Derived(key, CsvBlock.decode(encoded, descriptor).orElseThrow(), null);
    }
  }

  /** A derived block, or the bytes of one that failed. */
  private record Derived(String key, @Nullable CsvBlock block, byte @Nullable [] bytes) {}
}
