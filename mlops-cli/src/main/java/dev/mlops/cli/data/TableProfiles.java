package dev.mlops.cli.data;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.dataset.ColumnProfile;
import dev.mlops.api.dataset.DatasetFile;
import dev.mlops.cli.Numbers;
import dev.mlops.cli.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A table file's schema and column profiles for {@code data show}: in JSON every stored figure
 * (so a script needs no Java API), as text one line per column in schema order with the figures
 * a reader looks at first (the quartiles of a numeric column, the top values of a text one).
 */
final class TableProfiles {
  /** Frequent values shown per text column in the text output (JSON has all stored). */
  private static final int TOP_VALUES = 3;
  /** A frequent value longer than this is cut in the text output (JSON has it whole). */
  private static final int VALUE_WIDTH = 24;

  private TableProfiles() {}

  /** Adds {@code schema} and {@code profiles} to a file's JSON; nothing for a plain file. */
  static void json(DatasetFile file, ObjectNode node) {
    if (file.schema().isEmpty()) {
      return;
    }
    ArrayNode schema = node.putArray("schema");
    for (Field field : file.schema().get().getFields()) {
      schema.addObject().put("name", field.getName()).put("type", field.getType().toString())
          .put("nullable", field.isNullable());
    }
    ObjectNode profiles = node.putObject("profiles");
    for (Field field : file.schema().get().getFields()) {
      ColumnProfile profile = file.profiles().get(field.getName());
      if (profile != null) {
        profile(profile, profiles.putObject(field.getName()));
      }
    }
  }

  private static void profile(ColumnProfile p, ObjectNode node) {
    node.put("type", p.type()).put("count", p.count()).put("nulls", p.nulls()).put("nans", p.nans());
    put(node, "min", p.min());
    put(node, "max", p.max());
    put(node, "mean", p.mean());
    put(node, "std", p.std());
    if (!p.quantiles().isEmpty()) {
      ObjectNode quantiles = node.putObject("quantiles");
      p.quantiles().forEach((rank, value) -> quantiles.put(rank.toString(), value));
    }
    if (!p.frequentItems().isEmpty()) {
      ArrayNode items = node.putArray("frequentItems");
      p.frequentItems().forEach(item -> items.addObject().put("value", item.value()).put("estimate", item.estimate()));
    }
  }

  private static void put(ObjectNode node, String name, OptionalDouble value) {
    if (value.isPresent()) {
      node.put(name, value.getAsDouble());
    }
  }

  /** The text lines of a table file's columns, indented under its file line; empty for a plain file. */
  static String text(DatasetFile file) {
    if (file.schema().isEmpty()) {
      return "";
    }
    TextTable table = new TextTable("column", "type", "nulls", "min", "p25", "median", "p75", "max", "mean",
        "std", "top values");
    Map<String, ColumnProfile> profiles = file.profiles();
    for (Field field : file.schema().get().getFields()) {
      ColumnProfile p = profiles.get(field.getName());
      List<String> row = new ArrayList<>(List.of(field.getName(), field.getType().toString()));
      if (p == null) {
        row.addAll(List.of("", "", "", "", "", "", "", "", ""));
      } else {
        row.add(Long.toString(p.nulls()));
        row.add(number(p.min()));
        row.add(quantile(p, 0.25));
        row.add(quantile(p, 0.5));
        row.add(quantile(p, 0.75));
        row.add(number(p.max()));
        row.add(number(p.mean()));
        row.add(number(p.std()));
        row.add(p.frequentItems().stream().limit(TOP_VALUES)
            .map(item -> shorten(item.value()) + " (" + item.estimate() + ")").collect(Collectors.joining(", ")));
      }
      table.add(row);
    }
    return table.toString().lines().map(line -> "    " + line).collect(Collectors.joining("\n"));
  }

  private static String number(OptionalDouble value) {
    return value.isPresent() ? Numbers.format(value.getAsDouble()) : "-";
  }

  private static String quantile(ColumnProfile p, double rank) {
    Double value = p.quantiles().get(rank);
    return value == null ? "-" : Numbers.format(value);
  }

  /** A value on one line and at most {@link #VALUE_WIDTH} characters, quoted so spaces and commas stay readable. */
  private static String shorten(String value) {
    String line = value.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    if (line.codePointCount(0, line.length()) > VALUE_WIDTH) {
      line = line.substring(0, line.offsetByCodePoints(0, VALUE_WIDTH - 1)) + "…";
    }
    return "\"" + line + "\"";
  }
}
