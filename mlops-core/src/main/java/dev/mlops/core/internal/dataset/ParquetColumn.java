package dev.mlops.core.internal.dataset;

import dev.mlops.api.dataset.TableFormatException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
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
import org.apache.parquet.io.api.Binary;
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

  /**
   * The width in bytes of the column's Arrow values when {@link ParquetBulkColumn} can copy them
   * from Parquet's plain bytes unchanged (8 or 4; 0 for strings and binary, whose bytes are
   * copied as they are), or -1 when each value needs converting.
   */
  int bulkWidth() {
    return switch (kind) {
      case INT64, TIMESTAMP, DOUBLE -> 8;
      case INT32, DATE, FLOAT -> 4;
      case STRING, BINARY -> 0;
      default -> -1;
    };
  }

  /**
   * Reads the column's next {@code rows} values into rows 0 to {@code rows - 1} of the vector, which
   * was allocated for at least that many (a null leaves its validity bit as allocated: zero). One
   * loop per kind, so the per-value work is the decoder's and one store into the vector.
   */
  void read(ColumnReader reader, FieldVector vector, int rows) {
    int defined = descriptor.getMaxDefinitionLevel();
    switch (kind) {
      case INT64 -> {
        BigIntVector v = (BigIntVector) vector;
        for (int r = 0; r < rows; r++, reader.consume()) {
          if (reader.getCurrentDefinitionLevel() == defined) {
            v.set(r, reader.getLong());
          }
        }
      }
      case DOUBLE -> {
        Float8Vector v = (Float8Vector) vector;
        for (int r = 0; r < rows; r++, reader.consume()) {
          if (reader.getCurrentDefinitionLevel() == defined) {
            v.set(r, reader.getDouble());
          }
        }
      }
      case INT32, DATE -> {
        BaseFixedWidthVector v = (BaseFixedWidthVector) vector;
        for (int r = 0; r < rows; r++, reader.consume()) {
          if (reader.getCurrentDefinitionLevel() == defined) {
            v.getDataBuffer().setInt((long) r * Integer.BYTES, reader.getInteger());
            BitVectorHelper.setBit(v.getValidityBuffer(), r);
          }
        }
      }
      case TIMESTAMP -> {
        TimeStampVector v = (TimeStampVector) vector;
        for (int r = 0; r < rows; r++, reader.consume()) {
          if (reader.getCurrentDefinitionLevel() == defined) {
            v.set(r, reader.getLong());
          }
        }
      }
      case STRING, BINARY -> {
        BaseVariableWidthVector v = (BaseVariableWidthVector) vector;
        VariableWidthOutput out = new VariableWidthOutput(v);
        for (int r = 0; r < rows; r++, reader.consume()) {
          if (reader.getCurrentDefinitionLevel() == defined) {
            out.append(reader.getBinary());
            BitVectorHelper.setBit(v.getValidityBuffer(), r);
          }
          v.getOffsetBuffer().setInt((long) (r + 1) * BaseVariableWidthVector.OFFSET_WIDTH, out.end);
        }
        v.setLastSet(rows - 1);
      }
      default -> {
        for (int r = 0; r < rows; r++, reader.consume()) {
          if (reader.getCurrentDefinitionLevel() == defined) {
            copy(reader, vector, r);
          }
        }
      }
    }
  }

  /** Copies the reader's current value, which is not null, into row {@code row}: the rarer kinds. */
  private void copy(ColumnReader reader, FieldVector vector, int row) {
    switch (kind) {
      case BOOL -> ((BitVector) vector).setSafe(row, reader.getBoolean() ? 1 : 0);
      case UINT32 -> ((BigIntVector) vector).setSafe(row, Integer.toUnsignedLong(reader.getInteger()));
      case FLOAT -> ((Float4Vector) vector).setSafe(row, reader.getFloat());
      case INT96 -> {
        ByteBuffer bytes = reader.getBinary().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = bytes.getLong(bytes.position());
        long julianDay = Integer.toUnsignedLong(bytes.getInt(bytes.position() + 8));
        ((TimeStampVector) vector).setSafe(row, (julianDay - JULIAN_EPOCH_DAY) * 86_400_000_000_000L + nanosOfDay);
      }
      case FIXED -> ((FixedSizeBinaryVector) vector).setSafe(row, reader.getBinary().getBytesUnsafe());
      case DECIMAL_INT32 -> ((DecimalVector) vector).setSafe(row, BigDecimal.valueOf(reader.getInteger(), scale));
      case DECIMAL_INT64 -> ((DecimalVector) vector).setSafe(row, BigDecimal.valueOf(reader.getLong(), scale));
      case DECIMAL_BYTES -> ((DecimalVector) vector).setSafe(row,
          new BigDecimal(new BigInteger(reader.getBinary().getBytesUnsafe()), scale));
      default -> throw new IllegalStateException("read in its own loop: " + kind);
    }
  }

  /**
   * Appends values to a variable-width vector's data buffer straight from the decoder's bytes
   * ({@link Binary#writeTo(OutputStream)} hands over its backing array): no copy of each value into
   * a buffer of its own, and offsets and validity are set by the caller.
   */
  private static final class VariableWidthOutput extends OutputStream {
    private final BaseVariableWidthVector vector;
    int end;

    VariableWidthOutput(BaseVariableWidthVector vector) {
      this.vector = vector;
    }

    void append(Binary value) {
      try {
        value.writeTo(this);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // this stream does no I/O
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      while (vector.getDataBuffer().capacity() < (long) end + length) {
        vector.reallocDataBuffer();
      }
      vector.getDataBuffer().setBytes(end, bytes, offset, length);
      end += length;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
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
