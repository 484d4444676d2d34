package dev.mlops.core.internal.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.Comparison;
import dev.mlops.api.validation.CategoryCheck;
import dev.mlops.api.validation.ChangeThreshold;
import dev.mlops.api.validation.Check;
import dev.mlops.api.validation.DuplicateCheck;
import dev.mlops.api.validation.NullShareCheck;
import dev.mlops.api.validation.RangeCheck;
import dev.mlops.api.validation.SchemaCheck;
import dev.mlops.api.validation.SliceCheck;
import dev.mlops.api.validation.Spread;
import dev.mlops.api.validation.StabilityCheck;
import dev.mlops.api.validation.TrainingOverlapCheck;
import dev.mlops.api.validation.ValueThreshold;
import dev.mlops.core.input.Excerpt;
import dev.mlops.core.internal.json.JsonFields;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** One check as JSON: {@code {"type": "...", ...fields}}; see docs/validation.md for the forms. */
final class CheckJson {
  /** The check types, in the order the docs list them. */
  static final List<String> TYPES = List.of("value", "change", "slice", "stability", "schema",
      "null_share", "range", "categories", "duplicates", "training_overlap");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CheckJson() {}

  static ObjectNode write(Check check) {
    ObjectNode n = NODES.objectNode();
    if (check instanceof ValueThreshold c) {
      n.put("type", "value").put("metric", c.metric()).put("comparison", c.comparison().symbol())
          .put("threshold", c.threshold()).put("onIntervalBound", c.onIntervalBound());
    } else if (check instanceof ChangeThreshold c) {
      n.put("type", "change").put("metric", c.metric()).put("higherIsBetter", c.higherIsBetter())
          .put("tolerance", c.tolerance()).put("relative", c.relative());
    } else if (check instanceof SliceCheck c) {
      n.put("type", "slice").put("metric", c.metric()).put("column", c.column());
      c.bucketEdges().forEach(n.putArray("bucketEdges")::add);
      n.put("maxGap", c.maxGap()).put("minSliceSize", c.minSliceSize());
    } else if (check instanceof StabilityCheck c) {
      n.put("type", "stability").put("metric", c.metric()).put("subsets", c.subsets())
          .put("seed", c.seed()).put("spread", c.spread().name().toLowerCase(Locale.ROOT))
          .put("maxSpread", c.maxSpread());
    } else if (check instanceof SchemaCheck c) {
      n.put("type", "schema");
      c.features().forEach(n.putArray("features")::add);
    } else if (check instanceof NullShareCheck c) {
      n.put("type", "null_share").put("column", c.column()).put("maxShare", c.maxShare());
    } else if (check instanceof RangeCheck c) {
      n.put("type", "range").put("column", c.column()).put("min", c.min()).put("max", c.max());
    } else if (check instanceof CategoryCheck c) {
      n.put("type", "categories").put("column", c.column());
      c.allowed().forEach(n.putArray("allowed")::add);
    } else if (check instanceof DuplicateCheck c) {
      n.put("type", "duplicates").put("maxShare", c.maxShare());
    } else if (check instanceof TrainingOverlapCheck c) {
      n.put("type", "training_overlap").put("maxShare", c.maxShare());
    }
    return n;
  }

  static Check read(JsonNode n, String where) {
    JsonFields f = new JsonFields(n, where);
    String type = f.text("type");
    Check check = switch (type) {
      case "value" -> new ValueThreshold(f.text("metric"), comparison(f.text("comparison"), where),
          f.number("threshold"), f.bool("onIntervalBound", false));
      case "change" -> new ChangeThreshold(f.text("metric"), f.bool("higherIsBetter", null),
          f.number("tolerance"), f.bool("relative", false));
      case "slice" -> new SliceCheck(f.text("metric"), f.text("column"), f.numbers("bucketEdges"),
          f.number("maxGap"), f.int32("minSliceSize", SliceCheck.DEFAULT_MIN_SLICE_SIZE));
      case "stability" -> new StabilityCheck(f.text("metric"), f.int32("subsets", null),
          f.integer("seed", null), spread(f.textOr("spread", "std"), where), f.number("maxSpread"));
      case "schema" -> new SchemaCheck(f.texts("features"));
      case "null_share" -> new NullShareCheck(f.text("column"), f.number("maxShare"));
      case "range" -> new RangeCheck(f.text("column"), f.number("min"), f.number("max"));
      case "categories" -> new CategoryCheck(f.text("column"), Set.copyOf(new LinkedHashSet<>(f.texts("allowed"))));
      case "duplicates" -> new DuplicateCheck(f.number("maxShare"));
      case "training_overlap" -> new TrainingOverlapCheck(f.number("maxShare"));
      default -> throw new IllegalArgumentException(where + ": unknown check type '" + Excerpt.of(type)
          + "'; known types: " + String.join(", ", TYPES));
    };
    f.requireNoOthers();
    return check;
  }

  private static Comparison comparison(String symbol, String where) {
    for (Comparison c : Comparison.values()) {
      if (c.symbol().equals(symbol) || c.name().equals(symbol)) {
        return c;
      }
    }
    throw new IllegalArgumentException(where + ": unknown comparison '" + Excerpt.of(symbol)
        + "'; use one of >=, >, <=, <");
  }

  private static Spread spread(String name, String where) {
    return switch (name) {
      case "std" -> Spread.STD;
      case "range" -> Spread.RANGE;
      default -> throw new IllegalArgumentException(where + ": unknown spread '" + Excerpt.of(name)
          + "'; use std or range");
    };
  }

  static List<Double> doubles(JsonNode array) {
    List<Double> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asDouble()));
    return out;
  }
}
