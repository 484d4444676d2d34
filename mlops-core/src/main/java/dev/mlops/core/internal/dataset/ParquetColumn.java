package dev.mlops.core.internal.dataset;

import dev.mlops.api.dataset.TableFormatException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * One flat Parquet column: its Arrow field, its descriptor for parquet-column's reader, and how a
 * value moves from the one to the other. Built from the footer's schema element (logical type
 * first, the legacy converted type otherwise); what has no mapping is refused with the column's name.
 */
final class ParquetColumn {
  /** What the refusal messages list as readable. */
  static final String SUPPORTED = "flat columns of boolean, signed integers, unsigned integers up to"
      + " 32 bits, float, double, string, binary, decimal (precision up to 38), date and timestamp"
      + " (also INT96)";

  private static final long JULIAN_EPOCH_DAY = 2_440_588L; // the Julian day of 1970-01-01

  /** The kinds of value copy, one per Arrow vector type this reader fills. */
  private enum Kind { BOOL, INT32, UINT32, INT64, FLOAT, DOUBLE, DATE, TIMESTAMP, INT96, STRING, BINARY, FIXED,
    DECIMAL_INT32, DECIMAL_INT64, DECIMAL_BYTES }

  private final Field field;
  private final ColumnDescriptor descriptor;
  private final Kind kind;
  private final int scale;

  private ParquetColumn(Field field, ColumnDescriptor descriptor, Kind kind, int scale) {
    this.field = field;
    this.descriptor = descriptor;
    this.kind = kind;
    this.scale = scale;
  }

  Field field() {
    return field;
  }

  ColumnDescriptor descriptor() {
    return descriptor;
  }

  /** Maps a leaf schema element (the caller has refused groups and repeated fields). */
  static ParquetColumn of(SchemaElement e, String file) {
    String name = e.getName();
    boolean optional = e.getRepetition_type() == FieldRepetitionType.OPTIONAL;
    PrimitiveType.PrimitiveTypeName physical = switch (e.getType()) {
      case BOOLEAN -> PrimitiveType.PrimitiveTypeName.BOOLEAN;
      case INT32 -> PrimitiveType.PrimitiveTypeName.INT32;
      case INT64 -> PrimitiveType.PrimitiveTypeName.INT64;
      case INT96 -> PrimitiveType.PrimitiveTypeName.INT96;
      case FLOAT -> PrimitiveType.PrimitiveTypeName.FLOAT;
      case DOUBLE -> PrimitiveType.PrimitiveTypeName.DOUBLE;
      case BYTE_ARRAY -> PrimitiveType.PrimitiveTypeName.BINARY;
      case FIXED_LEN_BYTE_ARRAY -> PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
    };
    LogicalType logical = e.isSetLogicalType() ? e.getLogicalType() : null;
    ConvertedType converted = e.isSetConverted_type() ? e.getConverted_type() : null;
    ArrowType arrow;
    Kind kind;
    int scale = 0;
    if (isDecimal(logical, converted)) {
      int precision = logical != null && logical.isSetDECIMAL() ? logical.getDECIMAL().getPrecision() : e.getPrecision();
      scale = logical != null && logical.isSetDECIMAL() ? logical.getDECIMAL().getScale() : e.getScale();
      if (precision > 38) {
        throw refuse(file, name, "a decimal of precision " + precision);
      }
      arrow = new ArrowType.Decimal(precision, scale, 128);
      kind = switch (physical) {
        case INT32 -> Kind.DECIMAL_INT32;
        case INT64 -> Kind.DECIMAL_INT64;
        default -> Kind.DECIMAL_BYTES;
      };
    } else {
      switch (physical) {
        case BOOLEAN -> {
          arrow = ArrowType.Bool.INSTANCE;
          kind = Kind.BOOL;
        }
        case INT32 -> {
          if (isDate(logical, converted)) {
            arrow = new ArrowType.Date(org.apache.arrow.vector.types.DateUnit.DAY);
            kind = Kind.DATE;
          } else if (isUnsigned(logical, converted)) {
            arrow = new ArrowType.Int(64, true); // every unsigned 32-bit value fits
            kind = Kind.UINT32;
          } else if (logical == null && (converted == null || isSignedInt(converted)) || isInteger(logical)) {
            arrow = new ArrowType.Int(32, true);
            kind = Kind.INT32;
          } else {
            throw refuse(file, name, "an INT32 annotated " + annotation(logical, converted));
          }
        }
        case INT64 -> {
          TimeUnit unit = timestampUnit(logical, converted);
          if (unit != null) {
            boolean utc = logical == null || logical.getTIMESTAMP().isIsAdjustedToUTC();
            arrow = new ArrowType.Timestamp(unit, utc ? "UTC" : null);
            kind = Kind.TIMESTAMP;
          } else if (isUnsigned(logical, converted)) {
            throw refuse(file, name, "an unsigned 64-bit integer");
          } else if (logical == null && (converted == null || isSignedInt(converted)) || isInteger(logical)) {
            arrow = new ArrowType.Int(64, true);
            kind = Kind.INT64;
          } else {
            throw refuse(file, name, "an INT64 annotated " + annotation(logical, converted));
          }
        }
        case INT96 -> {
          arrow = new ArrowType.Timestamp(TimeUnit.NANOSECOND, "UTC");
          kind = Kind.INT96;
        }
        case FLOAT -> {
          arrow = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
          kind = Kind.FLOAT;
        }
        case DOUBLE -> {
          arrow = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
          kind = Kind.DOUBLE;
        }
        case BINARY -> {
          boolean text = logical != null ? logical.isSetSTRING() || logical.isSetENUM() || logical.isSetJSON()
              : converted == ConvertedType.UTF8 || converted == ConvertedType.ENUM || converted == ConvertedType.JSON;
          arrow = text ? ArrowType.Utf8.INSTANCE : ArrowType.Binary.INSTANCE;
          kind = text ? Kind.STRING : Kind.BINARY;
        }
        case FIXED_LEN_BYTE_ARRAY -> {
          arrow = new ArrowType.FixedSizeBinary(e.getType_length());
          kind = Kind.FIXED;
        }
        default -> throw refuse(file, name, "of physical type " + physical);
      }
    }
    PrimitiveType type = new PrimitiveType(optional ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED,
        physical, e.isSetType_length() ? e.getType_length() : 0, name);
    ColumnDescriptor descriptor = new ColumnDescriptor(new String[] {name}, type, 0, optional ? 1 : 0);
    Field field = new Field(name, optional ? FieldType.nullable(arrow) : FieldType.notNullable(arrow), null);
    return new ParquetColumn(field, descriptor, kind, scale);
  }

  /** Copies the reader's current value into row {@code row}, or a null when it has none. */
  void copy(ColumnReader reader, FieldVector vector, int row) {
    if (reader.getCurrentDefinitionLevel() < descriptor.getMaxDefinitionLevel()) {
      vector.setNull(row);
      return;
    }
    switch (kind) {
      case BOOL -> ((BitVector) vector).setSafe(row, reader.getBoolean() ? 1 : 0);
      case INT32 -> ((IntVector) vector).setSafe(row, reader.getInteger());
      case UINT32 -> ((BigIntVector) vector).setSafe(row, Integer.toUnsignedLong(reader.getInteger()));
      case INT64 -> ((BigIntVector) vector).setSafe(row, reader.getLong());
      case FLOAT -> ((Float4Vector) vector).setSafe(row, reader.getFloat());
      case DOUBLE -> ((Float8Vector) vector).setSafe(row, reader.getDouble());
      case DATE -> ((DateDayVector) vector).setSafe(row, reader.getInteger());
      case TIMESTAMP -> ((TimeStampVector) vector).setSafe(row, reader.getLong());
      case INT96 -> {
        ByteBuffer bytes = reader.getBinary().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = bytes.getLong(bytes.position());
        long julianDay = Integer.toUnsignedLong(bytes.getInt(bytes.position() + 8));
        ((TimeStampVector) vector).setSafe(row, (julianDay - JULIAN_EPOCH_DAY) * 86_400_000_000_000L + nanosOfDay);
      }
      case STRING -> ((VarCharVector) vector).setSafe(row, reader.getBinary().getBytesUnsafe());
      case BINARY -> ((VarBinaryVector) vector).setSafe(row, reader.getBinary().getBytesUnsafe());
      case FIXED -> ((FixedSizeBinaryVector) vector).setSafe(row, reader.getBinary().getBytesUnsafe());
      case DECIMAL_INT32 -> ((DecimalVector) vector).setSafe(row, BigDecimal.valueOf(reader.getInteger(), scale));
      case DECIMAL_INT64 -> ((DecimalVector) vector).setSafe(row, BigDecimal.valueOf(reader.getLong(), scale));
      case DECIMAL_BYTES -> ((DecimalVector) vector).setSafe(row,
          new BigDecimal(new BigInteger(reader.getBinary().getBytesUnsafe()), scale));
    }
  }

  private static boolean isDecimal(LogicalType logical, ConvertedType converted) {
    return logical != null ? logical.isSetDECIMAL() : converted == ConvertedType.DECIMAL;
  }

  private static boolean isDate(LogicalType logical, ConvertedType converted) {
    return logical != null ? logical.isSetDATE() : converted == ConvertedType.DATE;
  }

  private static boolean isInteger(LogicalType logical) {
    return logical != null && logical.isSetINTEGER() && logical.getINTEGER().isIsSigned();
  }

  private static boolean isUnsigned(LogicalType logical, ConvertedType converted) {
    if (logical != null) {
      return logical.isSetINTEGER() && !logical.getINTEGER().isIsSigned();
    }
    return converted == ConvertedType.UINT_8 || converted == ConvertedType.UINT_16
        || converted == ConvertedType.UINT_32 || converted == ConvertedType.UINT_64;
  }

  private static boolean isSignedInt(ConvertedType converted) {
    return converted == ConvertedType.INT_8 || converted == ConvertedType.INT_16
        || converted == ConvertedType.INT_32 || converted == ConvertedType.INT_64;
  }

  private static TimeUnit timestampUnit(LogicalType logical, ConvertedType converted) {
    if (logical != null) {
      if (!logical.isSetTIMESTAMP()) {
        return null;
      }
      var unit = logical.getTIMESTAMP().getUnit();
      return unit.isSetMILLIS() ? TimeUnit.MILLISECOND : unit.isSetMICROS() ? TimeUnit.MICROSECOND : TimeUnit.NANOSECOND;
    }
    return converted == ConvertedType.TIMESTAMP_MILLIS ? TimeUnit.MILLISECOND
        : converted == ConvertedType.TIMESTAMP_MICROS ? TimeUnit.MICROSECOND : null;
  }

  private static String annotation(LogicalType logical, ConvertedType converted) {
    return logical != null ? String.valueOf(logical.getSetField()) : String.valueOf(converted);
  }

  static TableFormatException refuse(String file, String column, String what) {
    return new TableFormatException("Parquet file '" + file + "': column '" + column + "' is " + what
        + ", which mlops does not read; it reads " + SUPPORTED + ". Drop or convert that column before"
        + " committing the file as a table, or commit it as a plain file", null);
  }
}
