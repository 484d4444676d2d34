package dev.mlops.core.internal.drift.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.IntegrityException;
import dev.mlops.api.InvalidNameException;
import dev.mlops.api.drift.ColumnType;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.DriftRecord;
import dev.mlops.core.internal.json.JsonFields;
import dev.mlops.core.internal.json.StrictJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The JSON form of one recorded drift report, {@value #SCHEMA}: the range, the decision and per
 * column the method, statistic, p-value (absent for distances), threshold and verdict; about 200
 * bytes per column. JSON has no NaN or infinity, so those are written as the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"}.
 */
final class DriftRecordCodec {
  /** The schema tag written into every record; a reader refuses any other. */
  static final String SCHEMA = "mlops.drift.record/1";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DriftRecordCodec() {}

  static byte[] encode(DriftRecord r) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("schema", SCHEMA);
    node.put("name", r.name());
    node.put("sequence", r.sequence());
    node.put("from", r.from().toString());
    node.put("to", r.to().toString());
    node.put("observations", r.observations());
    putDouble(node, "driftedShare", r.driftedShare());
    node.put("datasetDrift", r.datasetDrift());
    ArrayNode columns = node.putArray("columns");
    for (DriftRecord.Column c : r.columns()) {
      ObjectNode column = columns.addObject();
      column.put("column", c.column());
      column.put("type", c.type().name());
      column.put("method", c.method().name());
      putDouble(column, "statistic", c.statistic());
      if (c.pValue().isPresent()) {
        putDouble(column, "pValue", c.pValue().getAsDouble());
      }
      putDouble(column, "threshold", c.threshold());
      column.put("drifted", c.drifted());
      column.put("currentSize", c.currentSize());
    }
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a record strictly: every field present and of its type, no unknown field, and the
   * sequence and name the key says.
   *
   * @throws IntegrityException if the document is not a whole record of this key
   */
  static DriftRecord decode(String key, byte[] bytes) {
    try {
      JsonFields node = new JsonFields(StrictJson.tree(bytes), key);
      String schema = node.text("schema");
      if (!SCHEMA.equals(schema)) {
        throw new IllegalArgumentException("its schema is '" + schema + "', this build reads " + SCHEMA);
      }
      List<DriftRecord.Column> columns = new ArrayList<>();
      for (JsonFields c : node.objects("columns")) {
        columns.add(new DriftRecord.Column(c.text("column"), c.enumValue("type", ColumnType.class),
            c.enumValue("method", DriftMethod.class), readDouble(c, "statistic"),
            c.has("pValue") ? OptionalDouble.of(readDouble(c, "pValue")) : OptionalDouble.empty(),
            readDouble(c, "threshold"), c.bool("drifted", null), c.integer("currentSize", null)));
        c.requireNoOthers();
      }
      DriftRecord record = new DriftRecord(node.text("name"), node.integer("sequence", null), node.instant("from"),
          node.instant("to"), node.integer("observations", null), columns, readDouble(node, "driftedShare"),
          node.bool("datasetDrift", null));
      node.requireNoOthers();
      if (!key.equals(DriftHistoryLog.key(record.name(), record.sequence()))) {
        throw new IllegalArgumentException("it says it is record " + record.sequence() + " of '" + record.name() + "'");
      }
      return record;
    } catch (IllegalArgumentException | DateTimeException | InvalidNameException e) {
      throw new IntegrityException("The drift record '" + key + "' is damaged (" + e.getMessage() + "); restore it"
          + " from a backup, or delete it (its window is then missing from the history)", e);
    }
  }

  private static void putDouble(ObjectNode node, String field, double value) {
    if (!Double.isFinite(value)) {
      node.put(field, Double.toString(value)); // "NaN", "Infinity", "-Infinity"
    } else {
      node.put(field, value);
    }
  }

  private static double readDouble(JsonFields node, String field) {
    if (node.has(field) && node.value(field).isTextual()) {
      return switch (node.text(field)) {
        case "NaN" -> Double.NaN;
        case "Infinity" -> Double.POSITIVE_INFINITY;
        case "-Infinity" -> Double.NEGATIVE_INFINITY;
        default -> throw new IllegalArgumentException("field '" + field + "' must be a number, \"NaN\","
            + " \"Infinity\" or \"-Infinity\", got '" + node.text(field) + "'");
      };
    }
    return node.number(field);
  }
}
