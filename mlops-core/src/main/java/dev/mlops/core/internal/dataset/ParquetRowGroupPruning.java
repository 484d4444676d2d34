package dev.mlops.core.internal.dataset;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.ColumnOrder;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Statistics;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Whether a Parquet row group may hold a row that a view's filter keeps, from its column chunks'
 * statistics: false only when they prove that the filter is false or unknown for every row (as
 * {@link BoundFilter} evaluates it, with SQL's three-valued logic), so the row group can be left
 * unread. Each sub-filter is mapped to whether it can be true and whether it can be false on some
 * row of the group (unknown never makes a row kept, so it need not be tracked): {@code a and b}
 * can be true only if both can, {@code not a} can be true only if {@code a} can be false, and so on.
 *
 * <p>What counts as proof: a column chunk's {@code null_count}, {@code min_value} and
 * {@code max_value}, only when the footer gives the column its type-defined order (writers since
 * the format had these fields do; the older {@code min} and {@code max} fields, whose order was
 * ill-defined for text, are never used), and the bounds decode to the column's type. Missing or
 * undecodable statistics make both outcomes possible. Floating point: a NaN bound is no bound (NaN
 * rows compare as unknown anyway), and a zero minimum counts as -0.0 and a zero maximum as +0.0,
 * since the filter orders -0.0 below 0.0 and writers disagree on which zero they record. Text: the
 * bounds order bytes unsigned, the filter orders Java strings; the two agree for every value
 * (even one that is not valid UTF-8) when the literal is ASCII, so only then are {@code < <= > >=}
 * and {@code !=} decided, while {@code =} is decided for any literal (a value equals it only if its
 * bytes are the literal's UTF-8). Decimals compare by value at the column's scale; unsigned 32-bit
 * integers (read as 64-bit) in unsigned order, as their statistics are.
 */
final class ParquetRowGroupPruning {
  private static final int CAN_TRUE = 1;
  private static final int CAN_FALSE = 2;
  private static final int EITHER = CAN_TRUE | CAN_FALSE;

  private ParquetRowGroupPruning() {}

  /** Whether some row of the group may make the filter true (false: no row can). */
  static boolean mayHoldTrue(RowFilter filter, ParquetFile file, RowGroup group) {
    return (possible(filter, file, group) & CAN_TRUE) != 0;
  }

  private static int possible(RowFilter f, ParquetFile file, RowGroup group) {
    if (f instanceof RowFilter.And a) {
      int left = possible(a.left(), file, group);
      int right = possible(a.right(), file, group);
      return (left & right & CAN_TRUE) | ((left | right) & CAN_FALSE);
    }
    if (f instanceof RowFilter.Or o) {
      int left = possible(o.left(), file, group);
      int right = possible(o.right(), file, group);
      return ((left | right) & CAN_TRUE) | (left & right & CAN_FALSE);
    }
    if (f instanceof RowFilter.Not n) {
      int inner = possible(n.inner(), file, group);
      return ((inner & CAN_TRUE) != 0 ? CAN_FALSE : 0) | ((inner & CAN_FALSE) != 0 ? CAN_TRUE : 0);
    }
    if (f instanceof RowFilter.IsNull n) {
      Chunk chunk = Chunk.of(file, group, n.column());
      if (chunk == null) {
        return EITHER;
      }
      int whenNull = n.negated() ? CAN_FALSE : CAN_TRUE;
      int whenValue = n.negated() ? CAN_TRUE : CAN_FALSE;
      return (chunk.mayHoldNull() ? whenNull : 0) | (chunk.mayHoldValue() ? whenValue : 0);
    }
    RowFilter.Compare c = (RowFilter.Compare) f;
    Chunk chunk = Chunk.of(file, group, c.column());
    if (chunk == null) {
      return EITHER;
    }
    if (!chunk.mayHoldValue()) {
      return 0; // only nulls: the comparison is unknown on every row
    }
    int orders = chunk.orders(c.literal());
    int result = 0;
    for (int order = -1; order <= 1; order++) {
      if ((orders & bit(order)) != 0) {
        result |= BoundFilter.holds(c.op(), order) ? CAN_TRUE : CAN_FALSE;
      }
    }
    return result;
  }

  /** The bit of an order (value compared with the literal: -1, 0 or 1) in a set of orders. */
  private static int bit(int order) {
    return 1 << (order + 1);
  }

  private static final int ANY_ORDER = bit(-1) | bit(0) | bit(1);

  /** One column chunk of a row group, with the statistics that may be trusted. */
  private record Chunk(ParquetColumn column, PrimitiveTypeName physical, long rows, long nulls, byte[] min,
      byte[] max) {
    /** The chunk of a named column; null when the footer does not describe it plainly. */
    static Chunk of(ParquetFile file, RowGroup group, String name) {
      List<ParquetColumn> columns = file.columns();
      int index = -1;
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).field().getName().equals(name)) {
          index = i;
          break;
        }
      }
      if (index < 0 || group.getColumnsSize() != columns.size()) {
        return null;
      }
      ColumnChunk chunk = group.getColumns().get(index);
      ColumnMetaData meta = chunk.isSetMeta_data() ? chunk.getMeta_data() : null;
      ParquetColumn column = columns.get(index);
      boolean required = column.descriptor().getMaxDefinitionLevel() == 0;
      List<ColumnOrder> orders = file.footer().isSetColumn_orders() ? file.footer().getColumn_orders() : null;
      boolean typeOrder = orders != null && orders.size() == columns.size() && orders.get(index).isSetTYPE_ORDER();
      Statistics stats = meta != null && meta.isSetStatistics() && typeOrder ? meta.getStatistics() : null;
      long nulls = required ? 0 : stats != null && stats.isSetNull_count() ? stats.getNull_count() : -1;
      boolean bounded = stats != null && stats.isSetMin_value() && stats.isSetMax_value();
      return new Chunk(column, column.descriptor().getPrimitiveType().getPrimitiveTypeName(), group.getNum_rows(),
          nulls, bounded ? stats.getMin_value() : null, bounded ? stats.getMax_value() : null);
    }

    boolean mayHoldNull() {
      return nulls != 0; // unknown (-1) too
    }

    boolean mayHoldValue() {
      return nulls < 0 || nulls < rows;
    }

    /** The orders (bits of -1, 0, 1) in which a non-null, non-NaN value may compare with the literal. */
    int orders(Object literal) {
      if (min == null) {
        return ANY_ORDER;
      }
      ArrowType type = column.field().getType();
      try {
        if (type instanceof ArrowType.Int && literal instanceof BigDecimal l) {
          return range(integer(min), integer(max), l);
        }
        if (type instanceof ArrowType.Decimal d && literal instanceof BigDecimal l) {
          return range(decimal(min, d.getScale()), decimal(max, d.getScale()), l);
        }
        if (type instanceof ArrowType.FloatingPoint && literal instanceof BigDecimal l) {
          return floats(l.doubleValue());
        }
        if (type instanceof ArrowType.Utf8 && literal instanceof String l) {
          return text(l);
        }
        if (type instanceof ArrowType.Bool && literal instanceof Boolean l && min.length == 1 && max.length == 1) {
          return range(min[0] != 0, max[0] != 0, l);
        }
      } catch (IllegalArgumentException undecodable) {
        return ANY_ORDER;
      }
      return ANY_ORDER;
    }

    private BigDecimal integer(byte[] bound) {
      if (physical == PrimitiveTypeName.INT32 && bound.length == 4) {
        int v = ByteBuffer.wrap(bound).order(ByteOrder.LITTLE_ENDIAN).getInt();
        // an INT32 read as a 64-bit integer is an unsigned one, ordered unsigned in its statistics
        boolean unsigned = ((ArrowType.Int) column.field().getType()).getBitWidth() == 64;
        return BigDecimal.valueOf(unsigned ? Integer.toUnsignedLong(v) : v);
      }
      if (physical == PrimitiveTypeName.INT64 && bound.length == 8) {
        return BigDecimal.valueOf(ByteBuffer.wrap(bound).order(ByteOrder.LITTLE_ENDIAN).getLong());
      }
      throw new IllegalArgumentException("not an integer bound");
    }

    private BigDecimal decimal(byte[] bound, int scale) {
      return switch (physical) {
        case INT32 -> {
          if (bound.length != 4) {
            throw new IllegalArgumentException("not an INT32 bound");
          }
          yield BigDecimal.valueOf(ByteBuffer.wrap(bound).order(ByteOrder.LITTLE_ENDIAN).getInt(), scale);
        }
        case INT64 -> {
          if (bound.length != 8) {
            throw new IllegalArgumentException("not an INT64 bound");
          }
          yield BigDecimal.valueOf(ByteBuffer.wrap(bound).order(ByteOrder.LITTLE_ENDIAN).getLong(), scale);
        }
        case BINARY, FIXED_LEN_BYTE_ARRAY -> {
          if (bound.length == 0) {
            throw new IllegalArgumentException("an empty decimal bound");
          }
          yield new BigDecimal(new BigInteger(bound), scale); // big-endian two's complement
        }
        default -> throw new IllegalArgumentException("not a decimal bound");
      };
    }

    private int floats(double literal) {
      double low;
      double high;
      if (physical == PrimitiveTypeName.FLOAT && min.length == 4 && max.length == 4) {
        low = ByteBuffer.wrap(min).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        high = ByteBuffer.wrap(max).order(ByteOrder.LITTLE_ENDIAN).getFloat();
      } else if (physical == PrimitiveTypeName.DOUBLE && min.length == 8 && max.length == 8) {
        low = ByteBuffer.wrap(min).order(ByteOrder.LITTLE_ENDIAN).getDouble();
        high = ByteBuffer.wrap(max).order(ByteOrder.LITTLE_ENDIAN).getDouble();
      } else {
        return ANY_ORDER;
      }
      if (Double.isNaN(low) || Double.isNaN(high)) {
        return ANY_ORDER;
      }
      // Writers compare with <, for which -0.0 == 0.0: either zero may stand for both.
      low = low == 0.0 ? -0.0 : low;
      high = high == 0.0 ? 0.0 : high;
      if (Double.compare(low, high) > 0) {
        return ANY_ORDER; // bounds in the wrong order: no proof
      }
      return orders(Double.compare(low, literal), Double.compare(high, literal));
    }

    private int text(String literal) {
      if (Arrays.compareUnsigned(min, max) > 0) {
        return ANY_ORDER; // bounds in the wrong order: no proof
      }
      byte[] bytes = literal.getBytes(StandardCharsets.UTF_8);
      int low = Integer.signum(Arrays.compareUnsigned(min, bytes));
      int high = Integer.signum(Arrays.compareUnsigned(max, bytes));
      if (literal.chars().allMatch(ch -> ch < 0x80)) {
        return orders(low, high);
      }
      // Only equality is decided: a value equals the literal exactly when its bytes are the
      // literal's UTF-8 (invalid UTF-8 decodes with U+FFFD, and a literal without one, and
      // without a lone surrogate, has a single UTF-8 form).
      boolean plain = literal.indexOf('\uFFFD') < 0 && new String(bytes, StandardCharsets.UTF_8).equals(literal);
      if (!plain || (low <= 0 && high >= 0)) {
        return ANY_ORDER;
      }
      return bit(-1) | bit(1);
    }

    private static <T extends Comparable<T>> int range(T low, T high, T literal) {
      if (low.compareTo(high) > 0) {
        return ANY_ORDER; // bounds in the wrong order (a writer that ordered them otherwise): no proof
      }
      return orders(Integer.signum(low.compareTo(literal)), Integer.signum(high.compareTo(literal)));
    }

    /** The orders possible for values between bounds that compare with the literal as given. */
    private static int orders(int low, int high) {
      int set = 0;
      if (low < 0) {
        set |= bit(-1);
      }
      if (low <= 0 && high >= 0) {
        set |= bit(0);
      }
      if (high > 0) {
        set |= bit(1);
      }
      return set == 0 ? ANY_ORDER : set; // bounds in the wrong order: trust nothing
    }
  }
}
