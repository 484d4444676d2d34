package dev.mlops.core.internal.validation;

import dev.mlops.api.validation.CategoryCheck;
import dev.mlops.api.validation.Check;
import dev.mlops.api.validation.CheckResult;
import dev.mlops.api.validation.DuplicateCheck;
import dev.mlops.api.validation.NullShareCheck;
import dev.mlops.api.validation.RangeCheck;
import dev.mlops.api.validation.SchemaCheck;
import dev.mlops.api.validation.TrainingOverlapCheck;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Checks on the validation data itself, run before the model sees it. */
final class DataChecks {
  private DataChecks() {}

  static CheckResult run(Check check, ColumnData data, @Nullable ColumnData training) {
    if (check instanceof SchemaCheck c) {
      return schema(c, data.featureNames());
    } else if (check instanceof NullShareCheck c) {
      return share(c, nullShare(c.column(), data), c.maxShare(), "missing");
    } else if (check instanceof RangeCheck c) {
      return share(c, outOfRange(c, data), 0, "outside the range");
    } else if (check instanceof CategoryCheck c) {
      return share(c, unknownCategories(c, data), 0, "with another value");
    } else if (check instanceof DuplicateCheck c) {
      return share(c, duplicates(data), c.maxShare(), "repeating an earlier row");
    } else if (check instanceof TrainingOverlapCheck c) {
      if (training == null) {
        return new CheckResult(c, false, Double.NaN, OptionalDouble.of(c.maxShare()),
            OptionalDouble.empty(), Optional.empty(),
            "no training data given; pass it with ValidationRequest.Builder.trainingData");
      }
      return share(c, overlap(data, training), c.maxShare(), "also in the training data");
    }
    throw new IllegalArgumentException("not a data check: " + check);
  }

  static boolean isDataCheck(Check check) {
    return check instanceof SchemaCheck || check instanceof NullShareCheck
        || check instanceof RangeCheck || check instanceof CategoryCheck
        || check instanceof DuplicateCheck || check instanceof TrainingOverlapCheck;
  }

  private static CheckResult schema(SchemaCheck c, List<String> actual) {
    List<String> expected = c.features();
    int mismatches = Math.abs(expected.size() - actual.size());
    for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        mismatches++;
      }
    }
    String message = mismatches == 0 ? "features match " + expected
        : "expected features " + expected + " but the data has " + actual;
    return new CheckResult(c, mismatches == 0, mismatches, OptionalDouble.of(0),
        OptionalDouble.empty(), Optional.empty(), message);
  }

  private static CheckResult share(Check c, double observed, double limit, String what) {
    boolean passed = observed <= limit;
    String message = String.format(java.util.Locale.ROOT, "%.4f of rows %s (limit %s)",
        observed, what, limit);
    return new CheckResult(c, passed, observed, OptionalDouble.of(limit), OptionalDouble.empty(),
        Optional.empty(), message);
  }

  private static double nullShare(String column, ColumnData data) {
    long missing = 0;
    int index = data.featureIndex(column);
    if (index >= 0) {
      for (float[] row : data.features) {
        missing += Float.isNaN(row[index]) ? 1 : 0;
      }
    } else {
      for (String v : data.require(column)) {
        missing += v == null || v.isEmpty() ? 1 : 0;
      }
    }
    return (double) missing / data.size();
  }

  private static double outOfRange(RangeCheck c, ColumnData data) {
    long outside = 0;
    for (double v : data.numeric(c.column())) {
      outside += !Double.isNaN(v) && (v < c.min() || v > c.max()) ? 1 : 0;
    }
    return (double) outside / data.size();
  }

  private static double unknownCategories(CategoryCheck c, ColumnData data) {
    long unknown = 0;
    for (String v : data.require(c.column())) {
      unknown += v != null && !v.isEmpty() && !c.allowed().contains(v) ? 1 : 0;
    }
    return (double) unknown / data.size();
  }

  private static double duplicates(ColumnData data) {
    Set<Long> seen = new HashSet<>();
    long repeated = 0;
    for (int i = 0; i < data.size(); i++) {
      long h = RowHash.of(data.features[i]) * 31 + Double.hashCode(data.labels[i] + 0.0);
      repeated += seen.add(RowHash.mix(h)) ? 0 : 1;
    }
    return (double) repeated / data.size();
  }

  private static double overlap(ColumnData data, ColumnData training) {
    Set<Long> trainingRows = new HashSet<>();
    for (float[] row : training.features) {
      trainingRows.add(RowHash.of(row));
    }
    long shared = 0;
    for (float[] row : data.features) {
      shared += trainingRows.contains(RowHash.of(row)) ? 1 : 0;
    }
    return (double) shared / data.size();
  }
}
