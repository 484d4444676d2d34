package dev.mlops.core.internal.dataset;

import dev.mlops.api.dataset.UnknownColumnException;
import dev.mlops.core.input.Excerpt;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A {@link RowFilter} checked against a table's schema (every column exists, every literal has
 * its column's kind), evaluated batch by batch with SQL's three-valued logic: a comparison with a
 * null (or NaN) is unknown, and a row is kept only when the filter is true.
 */
final class BoundFilter {
  private static final int FALSE = 0;
  private static final int TRUE = 1;
  private static final int UNKNOWN = 2;

  private final RowFilter filter;

  private BoundFilter(RowFilter filter) {
    this.filter = filter;
  }

  /**
   * Checks a filter against a schema.
   *
   * @param table names the table in messages
   * @throws UnknownColumnException if a column is missing
   * @throws IllegalArgumentException if a literal does not suit its column
   */
  static BoundFilter bind(RowFilter filter, Schema schema, String table) {
    List<String> names = schema.getFields().stream().map(Field::getName).toList();
    for (String column : filter.columns()) {
      if (!names.contains(column)) {
        throw new UnknownColumnException(table, column, names);
      }
    }
    check(filter, schema);
    return new BoundFilter(filter);
  }

  private static void check(RowFilter f, Schema schema) {
    if (f instanceof RowFilter.Compare c) {
      ArrowType type = schema.findField(c.column()).getType();
      String kind = kind(type);
      boolean ok = switch (kind) {
        case "number" -> c.literal() instanceof BigDecimal;
        case "text" -> c.literal() instanceof String;
        case "boolean" -> c.literal() instanceof Boolean && (c.op().equals("=") || c.op().equals("!="));
        default -> false;
      };
      if (!ok) {
        throw new IllegalArgumentException("Invalid filter: '" + Excerpt.of(c.text()) + "' compares the " + kind
            + " column '" + c.column() + "' (" + type + ") with " + describe(c.literal()) + "; " + hint(kind));
      }
    } else if (f instanceof RowFilter.And a) {
      check(a.left(), schema);
      check(a.right(), schema);
    } else if (f instanceof RowFilter.Or o) {
      check(o.left(), schema);
      check(o.right(), schema);
    } else if (f instanceof RowFilter.Not n) {
      check(n.inner(), schema);
    }
  }

  private static String kind(ArrowType type) {
    return switch (type.getTypeID()) {
      case Int, FloatingPoint, Decimal -> "number";
      case Utf8 -> "text";
      case Bool -> "boolean";
      default -> "other";
    };
  }

  private static String describe(Object literal) {
    return literal instanceof String ? "a text" : literal instanceof Boolean ? "a boolean" : "a number";
  }

  private static String hint(String kind) {
    return switch (kind) {
      case "number" -> "compare it with a number such as 30 or 2.5";
      case "text" -> "compare it with a 'quoted' text";
      case "boolean" -> "compare it with = true, = false or != (no ordering)";
      default -> "only 'is null' and 'is not null' apply to columns of this type";
    };
  }

  /** Indices of the batch's rows the filter keeps, in order. */
  int[] select(VectorSchemaRoot batch) {
    int rows = batch.getRowCount();
    int[] kept = new int[rows];
    int n = 0;
    for (int row = 0; row < rows; row++) {
      if (eval(filter, batch, row) == TRUE) {
        kept[n++] = row;
      }
    }
    return java.util.Arrays.copyOf(kept, n);
  }

  private static int eval(RowFilter f, VectorSchemaRoot batch, int row) {
    if (f instanceof RowFilter.Compare c) {
      return compare(c, batch.getVector(c.column()), row);
    }
    if (f instanceof RowFilter.IsNull n) {
      return batch.getVector(n.column()).isNull(row) != n.negated() ? TRUE : FALSE;
    }
    if (f instanceof RowFilter.And a) {
      int left = eval(a.left(), batch, row);
      if (left == FALSE) {
        return FALSE;
      }
      int right = eval(a.right(), batch, row);
      return right == FALSE ? FALSE : left == TRUE && right == TRUE ? TRUE : UNKNOWN;
    }
    if (f instanceof RowFilter.Or o) {
      int left = eval(o.left(), batch, row);
      if (left == TRUE) {
        return TRUE;
      }
      int right = eval(o.right(), batch, row);
      return right == TRUE ? TRUE : left == FALSE && right == FALSE ? FALSE : UNKNOWN;
    }
    int inner = eval(((RowFilter.Not) f).inner(), batch, row);
    return inner == UNKNOWN ? UNKNOWN : 1 - inner;
  }

  private static int compare(RowFilter.Compare c, FieldVector vector, int row) {
    if (vector.isNull(row)) {
      return UNKNOWN;
    }
    int order;
    if (vector instanceof BaseIntVector ints) {
      order = BigDecimal.valueOf(ints.getValueAsLong(row)).compareTo((BigDecimal) c.literal());
    } else if (vector instanceof FloatingPointVector floats) {
      double value = floats.getValueAsDouble(row);
      if (Double.isNaN(value)) {
        return UNKNOWN;
      }
      order = Double.compare(value, ((BigDecimal) c.literal()).doubleValue());
    } else if (vector instanceof DecimalVector decimals) {
      order = decimals.getObject(row).compareTo((BigDecimal) c.literal());
    } else if (vector instanceof VarCharVector text) {
      order = new String(text.get(row), StandardCharsets.UTF_8).compareTo((String) c.literal());
    } else if (vector instanceof BitVector bits) {
      order = Boolean.compare(bits.get(row) != 0, (Boolean) c.literal());
    } else {
      throw new IllegalStateException("bind() admits no comparison on " + vector.getField());
    }
    return holds(c.op(), order) ? TRUE : FALSE;
  }

  /**
   * Whether a comparison operator holds for a value that compares with the literal as {@code
   * order} (negative, zero, positive). Row-group pruning asks the same question of the orders a
   * row group's statistics allow, so both decide by this one definition.
   */
  static boolean holds(String op, int order) {
    return switch (op) {
      case "=" -> order == 0;
      case "!=" -> order != 0;
      case "<" -> order < 0;
      case "<=" -> order <= 0;
      case ">" -> order > 0;
      default -> order >= 0;
    };
  }
}
