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
 * committed file parses only the new rows and the last old block. When the file extends the one
 * the path held in the parent version (its first bytes hash to that file's hash), the earlier
 * file's blocks but the last are not even cut or hashed again, and its chunks are kept as they are:
 * the earlier bytes are read once, only to hash them. The blocks' results merge in file
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
  /**
   * The fewest blocks whose merged result is stored for the next append (which would otherwise
   * read and merge as many stored blocks): below it, reading them costs about as much.
   */
  private static final int MIN_PREFIX = 2;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CsvTables.class);

  private CsvTables() {}

  /**
   * Stores a CSV file as a table.
   *
   * @param earlier what this path held in the parent version, if anything: a chunk ends where that
   *     file ended, so a file that grew by appended rows keeps all of the earlier file's chunks; if
   *     it was a CSV table, its blocks are reused when this file extends it
   */
  static Manifest.Entry write(String path, TableSource.FromCsv csv, Chunker chunker, ContentWrite write,
      ObjectStore store, Executor executor, Optional<Manifest.Entry> earlier) throws IOException {
    Path file = csv.file();
    try {
      CsvRecords.open(file).close(); // the checks and messages of a plain open: missing, directory, unreadable
    } catch (IllegalArgumentException e) {
      throw new MlOpsException("Cannot read the CSV file: " + e.getMessage(), e);
    }
    ChunkedWriter.Output original = write.chunked(chunker).output();
    Copy copy = new Copy(original, earlier.map(e -> e.content().size()).orElse(-1L));
    long size = Files.size(file);
    Earlier extended = earlier.filter(e -> ViewTables.isCsvWithoutArrow(e) && !e.content().chunks().isEmpty()
        && e.content().size() <= size).map(e -> new Earlier(e.content(), e.table().get().schemaJson())).orElse(null);
    Table table = derive(() -> Files.newInputStream(file), file.toString(), csv.schema(), copy, extended, write,
        store, executor, CsvBlocks.Sizes.DEFAULT);
    storeList(table, write);
    return TableWriter.entry(path, table.schema(), original.finish(), Optional.empty(), Manifest.Format.CSV,
        List.of(), table.rows(), table.profilers(), write);
  }

  /** Stores the table's block list, which names its blocks (and keeps them from garbage collection). */
  static void storeList(Table table, ContentWrite write) {
    write.putDerived(CsvBlock.tableKey(table.sha256(), table.schema().toJson()), CsvBlock.encodeTable(
        table.blocks(), table.keys().subList(table.firstReading(), table.keys().size()), table.prefix()));
  }

  /**
   * Where the bytes read are stored.
   *
   * @param out the chunked output
   * @param endChunkAt where a chunk ends whatever the chunker says, or -1
   */
  record Copy(ChunkedWriter.Output out, long endChunkAt) {}

  /**
   * The CSV table a path held in the parent version.
   *
   * @param content its file
   * @param schemaJson its schema, which names its block list with the file's hash
   */
  record Earlier(FileContent content, String schemaJson) {}

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
   * @param blocks the first reading's blocks, with their hashes and lengths
   * @param unread how many of them were the earlier file's, taken from the store without being read
   * @param prefix the key of the stored merged result of the blocks but the last, if one was stored
   */
  record Table(String sha256, Schema schema, long rows, List<ColumnProfiler> profilers, List<String> keys,
      int firstReading, List<CsvBlock.Ref> blocks, int unread, Optional<String> prefix) {}

  /**
   * Reads a CSV once (twice when a column must be profiled again as text), deriving its blocks in
   * parallel or reading them back, and merges them.
   *
   * @param original where the bytes read are stored, or null
   * @param earlier the table the path held in the parent version, or null
   */
  static Table derive(Source source, String label, Optional<Schema> schema, @Nullable Copy original,
      @Nullable Earlier earlier, ContentWrite write, ObjectStore store, Executor executor, CsvBlocks.Sizes sizes)
      throws IOException {
    Optional<List<ArrowType>> given = schema.map(s -> s.getFields().stream().map(Field::getType).toList());
    Pass pass = null;
    String sha256 = null;
    // The earlier chunks are kept only if they are all still stored (as deduplication would check
    // them); else the bytes are read and stored again.
    boolean keepable = earlier != null && (original == null || write.isStored(earlier.content()));
    Optional<List<CsvBlock.Ref>> earlierBlocks = !keepable ? Optional.empty()
        : store.get(CsvBlock.tableKey(earlier.content().sha256(), earlier.schemaJson()))
            .flatMap(stored -> CsvBlock.decodeFirstReading(stored.bytes()));
    if (earlierBlocks.isPresent()) {
      Pass attempt = new Pass(label, schema, given.orElse(null), write, store, executor);
      sha256 = feedExtending(source, attempt, original, earlier, earlierBlocks.get(), sizes);
      if (sha256 != null) {
        pass = attempt;
      } else {
        attempt.abandon();
      }
    }
    if (pass == null) { // not an extension of the earlier file, or its blocks are not all there
      pass = new Pass(label, schema, given.orElse(null), write, store, executor);
      sha256 = feed(source, pass, original, sizes);
    }
    List<CsvBlock.Ref> blocks = List.copyOf(pass.refs);
    int unread = pass.unread;
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
    Optional<String> prefix = widened ? Optional.empty() : pass.storePrefix();
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
    return new Table(sha256, table, pass.rows, profilers, keys, firstReading, blocks, unread, prefix);
  }

  /**
   * Feeds a file that may extend the earlier one: its first bytes are hashed (once, the only reading
   * they get) and, if they are the earlier file, its blocks but the last are taken from the store
   * and its chunks kept; the header, the earlier last block and what follows are cut and derived.
   *
   * @return the file's hash, or null if it does not extend the earlier file or the earlier blocks
   *     cannot all be read back (the pass is then to be abandoned)
   */
  private static @Nullable String feedExtending(Source source, Pass pass, @Nullable Copy original, Earlier earlier,
      List<CsvBlock.Ref> refs, CsvBlocks.Sizes sizes) throws IOException {
    long prefix = earlier.content().size();
    long blocked = refs.stream().mapToLong(CsvBlock.Ref::length).sum();
    long headerEnd = prefix - blocked;
    if (headerEnd < 1 || refs.stream().anyMatch(r -> r.length() < 1)) {
      return null;
    }
    // Where cutting resumes: the earlier last block, which the appended rows may have extended.
    long resumeAt = refs.isEmpty() ? headerEnd : prefix - refs.get(refs.size() - 1).length();
    List<CsvBlock.Ref> reused = refs.isEmpty() ? List.of() : refs.subList(0, refs.size() - 1);
    CsvBlocks blocks = new CsvBlocks(pass, pass.label, sizes);
    MessageDigest digest = Sha256.newDigest();
    boolean resumed = reused.isEmpty();
    boolean verified = false;
    try (InputStream in = source.open()) {
      byte[] buffer = new byte[1 << 20];
      long read = 0;
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        for (int i = 0; i < n; ) {
          long at = read + i;
          if (!resumed && at == resumeAt) {
            if (!blocks.atBlockStart() || !pass.reuse(reused)) {
              return null;
            }
            blocks.skip(resumeAt - headerEnd);
            resumed = true;
          }
          long until = at < headerEnd ? headerEnd : at < resumeAt ? resumeAt : at < prefix ? prefix : Long.MAX_VALUE;
          int count = (int) Math.min(n - i, until - at);
          if (verified && original != null) {
            original.out().write(buffer, i, count);
          } else {
            digest.update(buffer, i, count);
          }
          if (at < headerEnd || at >= resumeAt) {
            blocks.write(buffer, i, count);
          }
          i += count;
          if (at + count == prefix) {
            MessageDigest copy = (MessageDigest) digest.clone();
            if (!Sha256.finish(copy).equals(earlier.content().sha256())) {
              return null;
            }
            verified = true;
            if (original != null) {
              original.out().extend(earlier.content(), digest);
            }
          }
        }
        read += n;
      }
      if (!verified) {
        return null; // shorter than the earlier file
      }
      blocks.finish();
      pass.finish();
    } catch (MlOpsException e) {
      if (!verified) { // the bytes are not those of the earlier file: its lines do not count either
        return null;
      }
      throw e;
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digests can be copied", e);
    }
    return original != null ? original.out().finish().sha256() : Sha256.finish(digest);
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
    final List<CsvBlock.Ref> refs = new ArrayList<>();
    /** How many blocks were reused without reading them. */
    int unread;
    long rows;
    /** The line the next block starts on. */
    long line = 1;
    int[] flags = new int[0];
    int[] kinds = new int[0];
    ColumnProfiler[] merged = new ColumnProfiler[0];
    /** The line breaks in the blocks merged so far. */
    private long blockLines;
    /**
     * What was merged before the latest block, kept so that the merged result of all blocks but
     * the last can be stored; null when the latest merge was not of one block.
     */
    private @Nullable Merged beforeLatest;

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

    /** Waits for the blocks being derived and drops them: the pass is not used. */
    void abandon() {
      pending.forEach(f -> f.handle((derived, failure) -> null).join());
      pending.clear();
    }

    /**
     * Merges blocks an earlier commit stored, in order, before any block of this pass: their merged
     * result in one object when the earlier commit stored it (they are all its blocks but the last),
     * else one block after the other. Both give the same profile to the last bit: the merged result
     * is the state the merges reached, stored without loss, and the merges after it go on from it.
     *
     * @return false if one is missing, damaged or was read otherwise (another schema)
     */
    boolean reuse(List<CsvBlock.Ref> blocks) {
      if (reading == null || !pending.isEmpty() || !refs.isEmpty()) {
        return false;
      }
      for (CsvBlock.Ref ref : blocks) {
        if (!CsvBlock.key(reading.descriptor(ref.sha256())).equals(ref.key())) {
          return false;
        }
      }
      if (blocks.size() >= MIN_PREFIX) {
        String descriptor = CsvBlock.prefixDescriptor(blocks);
        Optional<CsvBlock> prefix = store.get(CsvBlock.key(descriptor))
            .flatMap(stored -> CsvBlock.decode(stored.bytes(), descriptor))
            .filter(p -> p.profiles.length == merged.length);
        if (prefix.isPresent()) {
          CsvBlock p = prefix.get();
          blocks.forEach(ref -> {
            keys.add(ref.key());
            refs.add(ref);
          });
          rows += p.rows;
          line += p.lines;
          blockLines += p.lines;
          for (int c = 0; c < merged.length; c++) {
            flags[c] |= p.flags[c];
            kinds[c] |= p.kinds[c];
            merged[c].merge(p.profiles[c]);
          }
          beforeLatest = null;
          unread = blocks.size();
          write.keepAlive();
          return true;
        }
      }
      for (CsvBlock.Ref ref : blocks) {
        String descriptor = reading.descriptor(ref.sha256());
        Optional<CsvBlock> block = store.get(ref.key()).flatMap(stored -> CsvBlock.decode(stored.bytes(), descriptor));
        if (block.isEmpty()) {
          return false; // a fresh reading derives it again, saying it was damaged
        }
        merge(ref, block.get());
      }
      unread = blocks.size();
      return true;
    }

    /**
     * Stores the merged result of this reading's blocks but the last, for a commit that appends
     * rows to the file to take instead of those blocks, unless there are too few blocks or a column
     * mixed numbers with text or booleans (its profile is then not this reading's: the column is read
     * again as text, and the stored form keeps one sketch per column).
     *
     * @return its key, if stored
     */
    Optional<String> storePrefix() {
      Merged m = beforeLatest;
      if (m == null || m.blocks() < MIN_PREFIX || m.blocks() != refs.size() - 1) {
        return Optional.empty();
      }
      for (int kindSet : m.kinds()) {
        if ((kindSet & 1 << CsvBlock.NUMERIC) != 0 && (kindSet & (1 << CsvBlock.BOOL | 1 << CsvBlock.TEXT)) != 0) {
          return Optional.empty();
        }
      }
      String descriptor = CsvBlock.prefixDescriptor(refs.subList(0, m.blocks()));
      String key = CsvBlock.key(descriptor);
      write.putDerived(key, CsvBlock.merged(m.rows(), m.lines(), m.flags(), m.kinds(), m.profiles()).encode(descriptor));
      return Optional.of(key);
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
      merge(new CsvBlock.Ref(next.key(), next.sha256(), next.length()), next.block());
    }

    private void merge(CsvBlock.Ref ref, CsvBlock block) {
      ColumnProfiler[] before = new ColumnProfiler[merged.length];
      for (int c = 0; c < merged.length; c++) {
        before[c] = merged[c].copy();
      }
      beforeLatest = new Merged(refs.size(), rows, blockLines, flags.clone(), kinds.clone(), before);
      keys.add(ref.key());
      refs.add(ref);
      rows += block.rows;
      line += block.lines;
      blockLines += block.lines;
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
      String sha256 = Sha256.hex(Sha256.newDigest().digest(bytes));
      String descriptor = r.descriptor(sha256);
      String key = CsvBlock.key(descriptor);
      Optional<StoredBytes> stored = store.get(key);
      if (stored.isPresent()) {
        Optional<CsvBlock> block = CsvBlock.decode(stored.get().bytes(), descriptor);
        if (block.isPresent()) {
          return new Derived(key, sha256, bytes.length, block.get(), null);
        }
        LOG.warn("The table block {} is damaged; deriving it again from the file (delete it to have it stored"
            + " anew)", key);
      }
      byte[] encoded;
      try {
        encoded = CsvBlock.derive(bytes, bytes.length, UNKNOWN_LINE, label, names, r).encode(descriptor);
      } catch (MlOpsException e) {
        return new Derived(key, sha256, bytes.length, null, bytes);
      }
      write.putDerived(key, encoded);
      return new Derived(key, sha256, bytes.length, CsvBlock.decode(encoded, descriptor).orElseThrow(), null);
    }
  }

  /** What the first {@code blocks} blocks of a reading merged into. */
  private record Merged(int blocks, long rows, long lines, int[] flags, int[] kinds, ColumnProfiler[] profiles) {}

  /** A derived block, or the bytes of one that failed. */
  private record Derived(String key, String sha256, int length, @Nullable CsvBlock block,
      byte @Nullable [] bytes) {}
}
