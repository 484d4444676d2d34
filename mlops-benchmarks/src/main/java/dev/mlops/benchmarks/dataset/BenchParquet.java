package dev.mlops.benchmarks.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The Parquet side of {@link ParquetTableMeasurement}, all parquet-java (with Hadoop on the
 * benchmarks' class path, as its writer and its Snappy codec need): a generated file of a given
 * size, and the library's bare read of one.
 */
final class BenchParquet {
  /**
   * 20 columns as a feature table has them: an id and a time, counts and codes (dictionary-encoded),
   * random integers and measurements (plain once the dictionary is full), categories and free text.
   */
  static final String SCHEMA = "message features {"
      + " required int64 id; required int64 ts (TIMESTAMP(MILLIS,true)); optional int64 user;"
      + " optional int64 clicks; required int64 code; optional int64 balance; optional int64 hash;"
      + " optional int64 age;"
      + " optional double score; required double price; optional double rating; optional double latitude;"
      + " optional double longitude; required double weight;"
      + " required binary country (STRING); optional binary city (STRING); required binary status (STRING);"
      + " optional binary session (STRING); optional binary comment (STRING); optional binary email (STRING); }";

  private static final String[] COUNTRIES = {"NO", "FR", "DE", "US", "GB", "ES", "IT", "SE", "DK", "FI", "NL",
      "BE", "PL", "PT", "IE", "AT", "CH", "CZ", "JP", "BR"};
  private static final String[] STATUSES = {"active", "paused", "closed", "pending"};
  private static final String[] WORDS = {"fast", "slow", "blue", "green", "order", "late", "early", "again",
      "never", "always", "ok", "broken", "refund", "great", "poor", "delivery", "price", "quality"};

  private BenchParquet() {}

  /**
   * Writes rows until the file holds about {@code bytes}: Snappy, data page v1, dictionaries on,
   * row groups of 64 MiB (several, and what parquet-java buffers stays within a small heap).
   *
   * @return the rows written
   */
  static long write(Path file, long bytes) throws IOException {
    MessageType schema = MessageTypeParser.parseMessageType(SCHEMA);
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    SplittableRandom random = new SplittableRandom(42);
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    long rows = 0;
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(partial)).withType(schema)
        .withCompressionCodec(CompressionCodecName.SNAPPY).withDictionaryEncoding(true)
        .withRowGroupSize(64L << 20).build()) {
      long start = 1_767_225_600_000L; // 2026-01-01
      while (writer.getDataSize() < bytes) {
        Group g = groups.newGroup();
        g.append("id", rows);
        g.append("ts", start + rows * 37 + random.nextInt(1_000));
        if (random.nextInt(20) != 0) {
          g.append("user", (long) random.nextInt(1_000_000));
        }
        if (random.nextInt(10) != 0) {
          g.append("clicks", (long) random.nextInt(100));
        }
        g.append("code", (long) random.nextInt(1_000));
        if (random.nextInt(4) != 0) {
          g.append("balance", random.nextLong(-1_000_000_000L, 1_000_000_000L));
        }
        if (random.nextInt(50) != 0) {
          g.append("hash", random.nextLong());
        }
        if (random.nextInt(3) != 0) {
          g.append("age", (long) (18 + random.nextInt(70)));
        }
        if (random.nextInt(10) != 0) {
          g.append("score", random.nextDouble());
        }
        g.append("price", random.nextInt(100_000) / 100.0);
        if (random.nextInt(5) != 0) {
          g.append("rating", 1 + random.nextInt(9) / 2.0);
        }
        if (random.nextInt(8) != 0) {
          g.append("latitude", random.nextDouble(-90, 90));
          g.append("longitude", random.nextDouble(-180, 180));
        }
        g.append("weight", random.nextDouble() * 100);
        g.append("country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
        if (random.nextInt(6) != 0) {
          g.append("city", "city-" + random.nextInt(500));
        }
        g.append("status", STATUSES[random.nextInt(STATUSES.length)]);
        if (random.nextInt(30) != 0) {
          g.append("session", Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
        }
        if (random.nextInt(2) != 0) {
          StringBuilder text = new StringBuilder();
          for (int w = 1 + random.nextInt(6); w > 0; w--) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
          }
          g.append("comment", text.toString().trim());
        }
        if (random.nextInt(4) != 0) {
          g.append("email", "user" + random.nextInt(1_000_000) + "@example.org");
        }
        writer.write(g);
        rows++;
      }
    }
    Files.move(partial, file);
    return rows;
  }

  /** Row groups and codec, for the report. */
  static String describe(Path file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      ParquetMetadata footer = reader.getFooter();
      long rows = footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum();
      return String.format("%,d rows, %d columns, %d row groups, %s", rows,
          footer.getFileMetaData().getSchema().getColumns().size(), footer.getBlocks().size(),
          footer.getBlocks().get(0).getColumns().get(0).getCodec());
    }
  }

  /**
   * Parquet-java's fastest read without building records: each row group's pages through
   * {@code ColumnReadStoreImpl}, every value of every column taken from its {@link ColumnReader}
   * (strings as binaries, not decoded to Java strings).
   *
   * @return the rows read
   */
  static long bareRead(Path file) throws IOException {
    return bareRead(file, null);
  }

  /**
   * {@link #bareRead(Path)}, adding each column's sum (of its non-null 64-bit values, doubles by
   * their bits, and of its strings' lengths) to {@code sums} (indexed as the file's columns), when
   * given, so that other readers of the file can be checked against it.
   */
  static long bareRead(Path file, long[] sums) throws IOException {
    long rows = 0;
    long sink = 0;
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
      for (PageReadStore group = reader.readNextRowGroup(); group != null; group = reader.readNextRowGroup()) {
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(group, new GroupRecordConverter(schema).getRootConverter(),
            schema, createdBy);
        List<ColumnDescriptor> columns = schema.getColumns();
        for (int c = 0; c < columns.size(); c++) {
          long sum = readAll(store.getColumnReader(columns.get(c)), columns.get(c));
          sink += sum;
          if (sums != null) {
            sums[c] += sum;
          }
        }
        rows += group.getRowCount();
      }
    }
    if (sink == 42) {
      System.out.print(""); // keeps the values used
    }
    return rows;
  }

  /** One loop per physical type, so the loop does no type dispatch per value. */
  private static long readAll(ColumnReader reader, ColumnDescriptor column) {
    int defined = column.getMaxDefinitionLevel();
    long sink = 0;
    long n = reader.getTotalValueCount();
    switch (column.getPrimitiveType().getPrimitiveTypeName()) {
      case INT64 -> {
        for (; n > 0; n--, reader.consume()) {
          sink += reader.getCurrentDefinitionLevel() == defined ? reader.getLong() : 0;
        }
      }
      case DOUBLE -> {
        for (; n > 0; n--, reader.consume()) {
          sink += reader.getCurrentDefinitionLevel() == defined ? Double.doubleToRawLongBits(reader.getDouble()) : 0;
        }
      }
      case BINARY -> {
        for (; n > 0; n--, reader.consume()) {
          sink += reader.getCurrentDefinitionLevel() == defined ? reader.getBinary().length() : 0;
        }
      }
      default -> throw new IllegalStateException("not in the benchmark's schema: " + column);
    }
    return sink;
  }
}
