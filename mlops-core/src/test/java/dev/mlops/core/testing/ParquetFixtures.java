package dev.mlops.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Parquet files written by parquet-java's own writer (parquet-hadoop, with Hadoop on the test
 * class path only), and read back by parquet-java's own reader: the other side of every round trip
 * with mlops's reader, which shares no code with either beyond parquet-column's decoders.
 */
public final class ParquetFixtures {
  private ParquetFixtures() {}

  /** How to write: codec, page format, and rows per row group and per page (small, to get several). */
  public record Options(CompressionCodecName codec, ParquetProperties.WriterVersion version, boolean dictionary,
      int rowsPerGroup, int rowsPerPage) {
    public static Options of(CompressionCodecName codec) {
      return new Options(codec, ParquetProperties.WriterVersion.PARQUET_1_0, true, 1_000, 100);
    }
  }

  /** Writes rows (null values are left unset) with a schema given in Parquet's message syntax. */
  public static Path write(Path file, String schemaText, List<Object[]> rows, Options options) throws IOException {
    MessageType schema = MessageTypeParser.parseMessageType(schemaText);
    Files.deleteIfExists(file);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
        .withCompressionCodec(options.codec()).withWriterVersion(options.version())
        .withDictionaryEncoding(options.dictionary()).withRowGroupRowCountLimit(options.rowsPerGroup())
        .withPageRowCountLimit(options.rowsPerPage()).build()) {
      SimpleGroupFactory groups = new SimpleGroupFactory(schema);
      for (Object[] row : rows) {
        Group g = groups.newGroup();
        for (int c = 0; c < row.length; c++) {
          Object v = row[c];
          if (v == null) {
            continue;
          }
          String name = schema.getFieldName(c);
          if (v instanceof Long l) {
            g.append(name, l);
          } else if (v instanceof Integer i) {
            g.append(name, i);
          } else if (v instanceof Double d) {
            g.append(name, d);
          } else if (v instanceof Float f) {
            g.append(name, f);
          } else if (v instanceof Boolean b) {
            g.append(name, b);
          } else if (v instanceof String s) {
            g.append(name, s);
          } else if (v instanceof byte[] b) {
            g.append(name, Binary.fromConstantByteArray(b));
          } else {
            throw new IllegalArgumentException("no fixture type for " + v.getClass());
          }
        }
        writer.write(g);
      }
    }
    return file;
  }

  /** The rows as parquet-java's own reader reads them: each value's string form, or null. */
  public static List<List<String>> readWithParquetJava(Path file) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
        new org.apache.hadoop.fs.Path(file.toUri())).build()) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        List<String> row = new ArrayList<>();
        for (int c = 0; c < g.getType().getFieldCount(); c++) {
          row.add(g.getFieldRepetitionCount(c) == 0 ? null : g.getValueToString(c, 0));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
