package dev.mlops.core.internal.dataset;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.DecimalType;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.MicroSeconds;
import org.apache.parquet.format.MilliSeconds;
import org.apache.parquet.format.NanoSeconds;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.StringType;
import org.apache.parquet.format.TimeUnit;
import org.apache.parquet.format.TimestampType;
import org.apache.parquet.format.Type;
import org.apache.parquet.schema.PrimitiveType;

/**
 * How an Arrow column is written to Parquet: exactly the flat types {@link ParquetColumn} reads, so
 * a written file reads back to the same schema. The one loss: a timestamp's time zone other than
 * UTC is written as "adjusted to UTC" (the instants are kept, the zone's name is not; it reads back
 * as UTC). Anything else is refused with the column's name ({@link #unsupported}).
 */
final class ParquetSchemaMapping {
  /** What the refusal messages list as writable. */
  static final String SUPPORTED = "flat columns of boolean, 32- and 64-bit signed integers, float, double,"
      + " string, binary, fixed-size binary, decimal (precision up to 38), date (days) and timestamp (milli-,"
      + " micro- or nanoseconds)";

  /** The kinds of value copy, one per Arrow vector type written. */
  enum Kind { BOOL, INT32, INT64, FLOAT, DOUBLE, DATE, TIMESTAMP, STRING, BINARY, FIXED, DECIMAL }

  /**
   * One column's mapping.
   *
   * @param name the column's name
   * @param kind how its values are read from Arrow
   * @param element its schema element in the footer
   * @param descriptor its descriptor for parquet-column's values writers
   * @param decimalWidth the bytes of a decimal's fixed-length two's complement; 0 for other kinds
   */
  record Column(String name, Kind kind, SchemaElement element, ColumnDescriptor descriptor, int decimalWidth) {
    Type physicalType() {
      return element.getType();
    }

    /** A decimal's unscaled value as {@link #decimalWidth} big-endian two's complement bytes. */
    byte[] decimalBytes(DecimalVector vector, int row) {
      byte[] little = new byte[DecimalVector.TYPE_WIDTH];
      vector.getDataBuffer().getBytes((long) row * DecimalVector.TYPE_WIDTH, little);
      byte[] big = new byte[decimalWidth];
      for (int i = 0; i < decimalWidth; i++) {
        big[i] = little[decimalWidth - 1 - i];
      }
      return big;
    }
  }

  private ParquetSchemaMapping() {}

  /** The first column that cannot be written, as "column 'c' is ..." text; empty when all can. */
  static Optional<String> unsupported(Schema schema) {
    for (Field field : schema.getFields()) {
      Optional<String> why = unsupported(field);
      if (why.isPresent()) {
        return Optional.of("column '" + field.getName() + "' is " + why.get());
      }
    }
    return Optional.empty();
  }

  /** The columns of a schema that {@link #unsupported} accepts. */
  static List<Column> columns(Schema schema) {
    List<Column> columns = new ArrayList<>();
    for (Field field : schema.getFields()) {
      Optional<String> why = unsupported(field);
      if (why.isPresent()) {
        throw new IllegalArgumentException("column '" + field.getName() + "' is " + why.get());
      }
      columns.add(column(field));
    }
    return columns;
  }

  private static Optional<String> unsupported(Field field) {
    ArrowType type = field.getType();
    if (field.getDictionary() != null) {
      return Optional.of("dictionary-encoded");
    }
    boolean writable;
    if (type instanceof ArrowType.Int i) {
      writable = i.getIsSigned() && (i.getBitWidth() == 32 || i.getBitWidth() == 64);
    } else if (type instanceof ArrowType.FloatingPoint f) {
      writable = f.getPrecision() != FloatingPointPrecision.HALF;
    } else if (type instanceof ArrowType.Decimal d) {
      writable = d.getBitWidth() == 128 && d.getPrecision() <= 38 && d.getScale() >= 0
          && d.getScale() <= d.getPrecision();
    } else if (type instanceof ArrowType.Date d) {
      writable = d.getUnit() == DateUnit.DAY;
    } else if (type instanceof ArrowType.Timestamp t) {
      writable = t.getUnit() != org.apache.arrow.vector.types.TimeUnit.SECOND;
    } else {
      writable = type instanceof ArrowType.Bool || type instanceof ArrowType.Utf8 || type instanceof ArrowType.Binary
          || type instanceof ArrowType.FixedSizeBinary;
    }
    return writable ? Optional.empty() : Optional.of("of type " + type);
  }

  private static Column column(Field field) {
    String name = field.getName();
    SchemaElement e = new SchemaElement(name);
    e.setRepetition_type(field.isNullable() ? FieldRepetitionType.OPTIONAL : FieldRepetitionType.REQUIRED);
    Kind kind;
    int decimalWidth = 0;
    ArrowType type = field.getType();
    if (type instanceof ArrowType.Bool) {
      e.setType(Type.BOOLEAN);
      kind = Kind.BOOL;
    } else if (type instanceof ArrowType.Int i) {
      e.setType(i.getBitWidth() == 32 ? Type.INT32 : Type.INT64);
      kind = i.getBitWidth() == 32 ? Kind.INT32 : Kind.INT64;
    } else if (type instanceof ArrowType.FloatingPoint f) {
      boolean single = f.getPrecision() == FloatingPointPrecision.SINGLE;
      e.setType(single ? Type.FLOAT : Type.DOUBLE);
      kind = single ? Kind.FLOAT : Kind.DOUBLE;
    } else if (type instanceof ArrowType.Utf8) {
      e.setType(Type.BYTE_ARRAY);
      e.setLogicalType(LogicalType.STRING(new StringType()));
      e.setConverted_type(ConvertedType.UTF8);
      kind = Kind.STRING;
    } else if (type instanceof ArrowType.Binary) {
      e.setType(Type.BYTE_ARRAY);
      kind = Kind.BINARY;
    } else if (type instanceof ArrowType.FixedSizeBinary f) {
      e.setType(Type.FIXED_LEN_BYTE_ARRAY);
      e.setType_length(f.getByteWidth());
      kind = Kind.FIXED;
    } else if (type instanceof ArrowType.Decimal d) {
      decimalWidth = decimalWidth(d.getPrecision());
      e.setType(Type.FIXED_LEN_BYTE_ARRAY);
      e.setType_length(decimalWidth);
      e.setLogicalType(LogicalType.DECIMAL(new DecimalType(d.getScale(), d.getPrecision())));
      e.setConverted_type(ConvertedType.DECIMAL);
      e.setPrecision(d.getPrecision());
      e.setScale(d.getScale());
      kind = Kind.DECIMAL;
    } else if (type instanceof ArrowType.Date) {
      e.setType(Type.INT32);
      e.setLogicalType(LogicalType.DATE(new org.apache.parquet.format.DateType()));
      e.setConverted_type(ConvertedType.DATE);
      kind = Kind.DATE;
    } else if (type instanceof ArrowType.Timestamp t) {
      e.setType(Type.INT64);
      boolean utc = t.getTimezone() != null;
      TimeUnit unit = new TimeUnit();
      switch (t.getUnit()) {
        case MILLISECOND -> unit.setMILLIS(new MilliSeconds());
        case MICROSECOND -> unit.setMICROS(new MicroSeconds());
        default -> unit.setNANOS(new NanoSeconds());
      }
      e.setLogicalType(LogicalType.TIMESTAMP(new TimestampType(utc, unit)));
      if (utc && unit.isSetMILLIS()) { // the legacy annotations, which mean UTC-adjusted, for older readers
        e.setConverted_type(ConvertedType.TIMESTAMP_MILLIS);
      } else if (utc && unit.isSetMICROS()) {
        e.setConverted_type(ConvertedType.TIMESTAMP_MICROS);
      }
      kind = Kind.TIMESTAMP;
    } else {
      throw new IllegalArgumentException("column '" + name + "' is of type " + type);
    }
    PrimitiveType.PrimitiveTypeName physical = PrimitiveType.PrimitiveTypeName.valueOf(
        e.getType() == Type.BYTE_ARRAY ? "BINARY" : e.getType().name());
    org.apache.parquet.schema.Type.Repetition repetition = field.isNullable()
        ? org.apache.parquet.schema.Type.Repetition.OPTIONAL : org.apache.parquet.schema.Type.Repetition.REQUIRED;
    PrimitiveType parquetType = new PrimitiveType(repetition, physical, e.isSetType_length() ? e.getType_length() : 0,
        name);
    ColumnDescriptor descriptor = new ColumnDescriptor(new String[] {name}, parquetType, 0, field.isNullable() ? 1 : 0);
    return new Column(name, kind, e, descriptor, decimalWidth);
  }

  /** The fewest bytes whose two's complement holds every unscaled value of a decimal's precision. */
  static int decimalWidth(int precision) {
    BigInteger largest = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
    int bytes = 1;
    while (largest.bitLength() + 1 > 8 * bytes) { // one more bit for the sign
      bytes++;
    }
    return bytes;
  }
}
