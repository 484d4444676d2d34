package dev.mlops.core.internal.drift;

import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.ColumnType;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.input.Excerpt;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Compares the columns of a current sample with a reference, one task per column on an executor. */
public final class BatchComparison {
  private BatchComparison() {}

  /** A reference's view of its columns: types and the prepared reference of each. */
  public interface Reference {
    /** The columns, in order. */
    List<String> columns();

    /** A column's type, or null if absent. */
    ColumnType typeOf(String column);

    /** The numeric reference of a numeric column. */
    NumericReference numeric(String column);

    /** The categorical reference of a categorical column. */
    CategoricalReference categorical(String column);

    /** A numeric column as the current side of a comparison with another reference. */
    NumericCurrent numericCurrent(String column);
  }

  /**
   * Compares every configured column (default: every column of the reference).
   *
   * @param reference the reference
   * @param current the current sample
   * @param config methods and thresholds
   * @param executor runs the per-column work
   * @return the report
   * @throws IllegalArgumentException for a column missing, empty or of another type in one sample
   */
  public static DriftReport compare(Reference reference, Sample current, DriftConfig config, Executor executor) {
    return compare(reference, current.columns(), name -> current.type(name).orElse(null), "current sample",
        (name, type) -> type == ColumnType.NUMERIC
            ? ColumnComparator.numeric(name, reference.numeric(name),
                ColumnValues.sortedFinite(name, "current", current.numeric(name)), config)
            : ColumnComparator.categorical(name, reference.categorical(name),
                ColumnValues.counts(name, "current", current.categorical(name)), config),
        config, executor);
  }

  /**
   * Compares every configured column of a current profile (sketches built where the data lives)
   * with a reference; a result is exact only when both sides are.
   *
   * @param reference the reference
   * @param current the current side, a profile
   * @param config methods and thresholds
   * @param executor runs the per-column work
   * @return the report
   * @throws IllegalArgumentException for a column missing or of another type in one side
   */
  public static DriftReport compare(Reference reference, Reference current, DriftConfig config, Executor executor) {
    return compare(reference, current.columns(), current::typeOf, "current profile",
        (name, type) -> type == ColumnType.NUMERIC
            ? ColumnComparator.numeric(name, reference.numeric(name), current.numericCurrent(name), config)
            : ColumnComparator.categorical(name, reference.categorical(name), current.categorical(name), config),
        config, executor);
  }

  private static DriftReport compare(Reference reference, java.util.Collection<String> currentColumns,
      Function<String, ColumnType> currentType, String currentName, BiFunction<String, ColumnType, ColumnDrift> column,
      DriftConfig config, Executor executor) {
    List<String> columns = config.columns().isEmpty() ? reference.columns() : config.columns();
    if (config.columns().isEmpty()) {
      for (String name : currentColumns) {
        if (reference.typeOf(name) == null) {
          throw new IllegalArgumentException("column '" + Excerpt.of(name) + "' is in the " + currentName
              + " but not in the reference; compare a subset with DriftConfig.builder().columns(...)");
        }
      }
    }
    List<CompletableFuture<ColumnDrift>> tasks = new ArrayList<>();
    for (String name : columns) {
      ColumnType refType = reference.typeOf(name);
      ColumnType curType = currentType.apply(name);
      if (refType == null || curType == null) {
        throw new IllegalArgumentException("column '" + Excerpt.of(name) + "' is missing from the "
            + (refType == null ? "reference" : currentName) + "; compare a subset with"
            + " DriftConfig.builder().columns(...)");
      }
      if (refType != curType) {
        throw new IllegalArgumentException("column '" + Excerpt.of(name) + "' is " + refType.name().toLowerCase()
            + " in the reference but " + curType.name().toLowerCase() + " in the " + currentName
            + "; give it one type");
      }
      tasks.add(CompletableFuture.supplyAsync(() -> column.apply(name, refType), executor));
    }
    List<ColumnDrift> results = new ArrayList<>();
    for (CompletableFuture<ColumnDrift> task : tasks) {
      results.add(join(task));
    }
    return report(results, config.datasetDriftShare());
  }

  /** Builds the dataset-level decision: drifted when the share of drifted columns reaches {@code share}. */
  public static DriftReport report(List<ColumnDrift> results, double share) {
    long drifted = results.stream().filter(ColumnDrift::drifted).count();
    double driftedShare = results.isEmpty() ? 0 : (double) drifted / results.size();
    return new DriftReport(results, driftedShare, !results.isEmpty() && driftedShare >= share);
  }

  /** A reference made of raw values: every result is exact. */
  public static Reference exact(Sample sample) {
    Function<String, ColumnType> type = name -> sample.type(name).orElse(null);
    return new Reference() {
      @Override
      public List<String> columns() {
        return List.copyOf(sample.columns());
      }

      @Override
      public ColumnType typeOf(String column) {
        return type.apply(column);
      }

      @Override
      public NumericReference numeric(String column) {
        return new ExactNumeric(ColumnValues.sortedFinite(column, "reference", sample.numeric(column)));
      }

      @Override
      public CategoricalReference categorical(String column) {
        return new CategoricalReference(ColumnValues.counts(column, "reference", sample.categorical(column)), true);
      }

      @Override
      public NumericCurrent numericCurrent(String column) {
        return NumericCurrent.of(ColumnValues.sortedFinite(column, "current", sample.numeric(column)));
      }
    };
  }

  private static <T> T join(CompletableFuture<T> task) {
    try {
      return task.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
