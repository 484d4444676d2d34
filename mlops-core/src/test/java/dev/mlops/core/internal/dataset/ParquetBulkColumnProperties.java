package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * {@link ParquetBulkColumn} gives the Arrow batches parquet-column's per-value reader gives: the
 * same Arrow IPC stream bytes, on files parquet-java writes with nulls (none, some, all), plain and
 * dictionary pages (and the fall-back from one to the other within a chunk), page versions 1 and
 * 2, several codecs, pages and row groups of random sizes.
 */
class ParquetBulkColumnProperties {
  private static final String SCHEMA = "message t { required int64 id; optional int64 l; optional int32 i;"
      + " optional double d; required double rd; optional float f; optional int32 day (DATE);"
      + " optional int64 ts (TIMESTAMP(MICROS,true)); optional binary s (STRING); required binary rs (STRING);"
      + " optional binary b; optional boolean flag; }";

  @Property(tries = 60)
  void bulkDecodingGivesTheBytesOfThePerValueReader(@ForAll @IntRange(min = 0, max = 3_000) int rows,
      @ForAll @IntRange(min = 0, max = 100) int nullPercent, @ForAll @IntRange(min = 1, max = 1_000) int distinct,
      @ForAll @IntRange(min = 1, max = 1_500) int rowsPerGroup, @ForAll @IntRange(min = 1, max = 400) int rowsPerPage,
      @ForAll boolean v2, @ForAll boolean dictionary, @ForAll boolean smallDictionary,
      @ForAll @IntRange(min = 0, max = 3) int codec, @ForAll long seed) throws IOException {
    CompressionCodecName compression = List.of(CompressionCodecName.SNAPPY, CompressionCodecName.UNCOMPRESSED,
        CompressionCodecName.GZIP, CompressionCodecName.ZSTD).get(codec);
    Path dir = Files.createTempDirectory("mlops-pqbulk-");
    try {
      Path file = write(dir.resolve("t.parquet"), rows, nullPercent, distinct, seed, rowsPerGroup, rowsPerPage, v2,
          dictionary, smallDictionary, compression);
      int[] chunks = new int[1];
      byte[] bulk = stream(file, true, chunks);
      byte[] perValue = stream(file, false, new int[1]);
      // Version 1 pages: every column but the boolean; version 2 pages of parquet-java use DELTA
      // encodings when not dictionary-encoded, and those chunks go through the per-value reader.
      assertTrue(v2 || rows == 0 || chunks[0] >= 10, "chunks read in bulk: " + chunks[0]);
      Statistics.label("version 2 chunks in bulk").collect(!v2 || rows == 0 ? "n/a" : chunks[0] > 0 ? "some" : "none");
      assertEquals(perValue.length, bulk.length);
      assertArrayEquals(perValue, bulk);
      Statistics.label("null share").collect(nullPercent == 0 ? "none" : nullPercent == 100 ? "all" : "some");
    } finally {
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** The file's batches as an Arrow IPC stream. */
  private static byte[] stream(Path file, boolean bulk, int[] bulkChunks) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (BufferAllocator allocator = new RootAllocator();
        ParquetArrowReader reader = new ParquetArrowReader(allocator, List.of(file))) {
      if (!bulk) {
        reader.withoutBulkDecoding();
      }
      try (ArrowStreamWriter writer = new ArrowStreamWriter(reader.getVectorSchemaRoot(), null, out)) {
        writer.start();
        while (reader.loadNextBatch()) {
          writer.writeBatch();
        }
        writer.end();
      }
      bulkChunks[0] = reader.bulkChunks();
    }
    return out.toByteArray();
  }

  private static Path write(Path file, int rows, int nullPercent, int distinct, long seed, int rowsPerGroup,
      int rowsPerPage, boolean v2, boolean dictionary, boolean smallDictionary, CompressionCodecName codec)
      throws IOException {
    MessageType schema = MessageTypeParser.parseMessageType(SCHEMA);
    Random random = new Random(seed);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
        .withCompressionCodec(codec).withWriterVersion(v2 ? ParquetProperties.WriterVersion.PARQUET_2_0
            : ParquetProperties.WriterVersion.PARQUET_1_0)
        .withDictionaryEncoding(dictionary).withDictionaryPageSize(smallDictionary ? 256 : 1 << 20)
        .withRowGroupRowCountLimit(rowsPerGroup).withPageRowCountLimit(rowsPerPage).build()) {
      SimpleGroupFactory groups = new SimpleGroupFactory(schema);
      for (int r = 0; r < rows; r++) {
        Group g = groups.newGroup();
        g.append("id", (long) r);
        int k = random.nextInt(distinct);
        if (present(random, nullPercent)) {
          g.append("l", k * 1_000_003L - 5_000_000L);
        }
        if (present(random, nullPercent)) {
          g.append("i", k - 500);
        }
        if (present(random, nullPercent)) {
          g.append("d", k == 7 ? Double.NaN : k == 8 ? -0.0 : k / 3.0);
        }
        g.append("rd", random.nextGaussian());
        if (present(random, nullPercent)) {
          g.append("f", k / 7.0f);
        }
        if (present(random, nullPercent)) {
          g.append("day", 19_000 + k);
        }
        if (present(random, nullPercent)) {
          g.append("ts", 1_700_000_000_000_000L + k * 1_000L);
        }
        if (present(random, nullPercent)) {
          g.append("s", k % 5 == 0 ? "" : "é-" + k + "-" + "x".repeat(k % 40));
        }
        g.append("rs", "r" + random.nextInt(distinct));
        if (present(random, nullPercent)) {
          byte[] bytes = new byte[k % 17];
          random.nextBytes(bytes);
          g.append("b", Binary.fromConstantByteArray(bytes));
        }
        if (present(random, nullPercent)) {
          g.append("flag", k % 2 == 0);
        }
        writer.write(g);
      }
    }
    return file;
  }

  private static boolean present(Random random, int nullPercent) {
    return random.nextInt(100) >= nullPercent;
  }

  /** A file of long pages: the bulk path reads across batch ends inside a page, and the batch of 65,536 rows. */
  @Property(tries = 3)
  void batchesEndingInsidePagesGiveTheSameBytes(@ForAll boolean v2, @ForAll long seed) throws IOException {
    Path dir = Files.createTempDirectory("mlops-pqbulk-");
    try {
      Path file = write(dir.resolve("t.parquet"), 70_000, 30, 300, seed, 100_000, 20_000, v2, true, false,
          CompressionCodecName.SNAPPY);
      byte[] bulk = stream(file, true, new int[1]);
      assertArrayEquals(stream(file, false, new int[1]), bulk);
      assertTrue(new String(bulk, StandardCharsets.ISO_8859_1).contains("rs"));
    } finally {
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
