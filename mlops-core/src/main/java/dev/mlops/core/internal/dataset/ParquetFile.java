package dev.mlops.core.internal.dataset;

import dev.mlops.api.dataset.TableFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Util;

/**
 * An open Parquet file: its footer (read with parquet-format's Thrift structures) and its flat
 * columns. Anything that is not a readable Parquet file is a {@link TableFormatException} naming it.
 */
final class ParquetFile implements AutoCloseable {
  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
  /** A footer larger than this is damage, not a table: it would be read into memory whole. */
  private static final int MAX_FOOTER = 64 << 20;

  private final FileChannel channel;
  private final String label;
  private final FileMetaData footer;
  private final List<ParquetColumn> columns;

  private ParquetFile(FileChannel channel, String label, FileMetaData footer, List<ParquetColumn> columns) {
    this.channel = channel;
    this.label = label;
    this.footer = footer;
    this.columns = columns;
  }

  static ParquetFile open(Path file) throws IOException {
    return open(FileChannel.open(file, StandardOpenOption.READ), file.toString(), true);
  }

  /**
   * Opens a Parquet file from a channel, which it closes (also when it fails).
   *
   * @param name the file's name in messages
   * @param readHead whether to check the magic bytes at its start; a stored file was checked
   *     when it was committed, and not reading them spares a read that skips the first row group
   *     the fetch of its first chunk
   */
  static ParquetFile open(FileChannel channel, String name, boolean readHead) throws IOException {
    String label = "Parquet file '" + name + "'";
    try {
      long size = channel.size();
      if (size == 0) {
        throw new TableFormatException(label + " is empty (0 bytes); a Parquet file holds at least its schema."
            + " Write it again, or leave it out", null);
      }
      byte[] head = readHead ? read(channel, 0, (int) Math.min(4, size)) : MAGIC;
      byte[] tail = read(channel, Math.max(0, size - 8), (int) Math.min(8, size));
      if (size < 12 || !startsWithMagic(head) || !startsWithMagic(java.util.Arrays.copyOfRange(tail, 4, 8))) {
        throw new TableFormatException(label + " is not a Parquet file (it does not start and end with PAR1): it"
            + (startsWithMagic(head) ? " may be truncated. Copy it again from its source"
            : " may be another format; commit a CSV file with TableSource.FromCsv (mlops data commit"
                + " NAME FILE --table csv)"), null);
      }
      int footerLength = ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      if (footerLength <= 0 || footerLength > MAX_FOOTER || footerLength > size - 12) {
        throw damaged(label, "its footer length (" + footerLength + ") does not fit the file", null);
      }
      FileMetaData footer;
      try {
        footer = Util.readFileMetaData(new ByteArrayInputStream(read(channel, size - 8 - footerLength, footerLength)));
      } catch (dev.mlops.api.IntegrityException e) { // a stored file's chunk is damaged: the store's fault
        throw e;
      } catch (IOException | RuntimeException e) {
        throw damaged(label, "its footer does not parse (" + e.getMessage() + ")", e);
      }
      ParquetFile parquet = new ParquetFile(channel, label, footer, columns(footer, name, label));
      channel = null;
      return parquet;
    } finally {
      if (channel != null) {
        channel.close();
      }
    }
  }

  /** The leaf columns of a flat schema; a group or a repeated field is refused with its name. */
  private static List<ParquetColumn> columns(FileMetaData footer, String file, String label) {
    List<SchemaElement> schema = footer.getSchema();
    if (schema == null || schema.isEmpty()) {
      throw damaged(label, "its footer has no schema", null);
    }
    List<ParquetColumn> columns = new ArrayList<>();
    for (SchemaElement e : schema.subList(1, schema.size())) {
      if (e.isSetNum_children() && e.getNum_children() > 0 || !e.isSetType()) {
        String kind = e.isSetLogicalType() && e.getLogicalType().isSetLIST() ? "a list"
            : e.isSetLogicalType() && e.getLogicalType().isSetMAP() ? "a map" : "a struct (group)";
        throw ParquetColumn.refuse(file, e.getName(), kind);
      }
      if (e.getRepetition_type() == FieldRepetitionType.REPEATED) {
        throw ParquetColumn.refuse(file, e.getName(), "repeated (a list)");
      }
      columns.add(ParquetColumn.of(e, file));
    }
    int expected = schema.get(0).isSetNum_children() ? schema.get(0).getNum_children() : -1;
    if (expected != columns.size()) {
      throw damaged(label, "its schema says " + expected + " columns but lists " + columns.size(), null);
    }
    return columns;
  }

  Schema schema() {
    return new Schema(columns.stream().map(ParquetColumn::field).toList());
  }

  List<ParquetColumn> columns() {
    return columns;
  }

  FileMetaData footer() {
    return footer;
  }

  FileChannel channel() {
    return channel;
  }

  String label() {
    return label;
  }

  static TableFormatException damaged(String label, String what, Throwable cause) {
    return new TableFormatException(label + " is damaged: " + what + ". Copy it again from its source,"
        + " or write it again", cause);
  }

  private static boolean startsWithMagic(byte[] bytes) {
    return bytes.length >= 4 && java.util.Arrays.equals(bytes, 0, 4, MAGIC, 0, 4);
  }

  private static byte[] read(FileChannel channel, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        break;
      }
    }
    return buffer.array();
  }

  /** The columns' names and types, to compare the parts of one table. */
  static String describe(Schema schema) {
    return schema.getFields().stream().map(Field::toString).toList().toString();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
