package dev.mlops.core.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunLineage;
import dev.mlops.api.experiment.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The search order with its precomputed values and bounded heap gives exactly what the stable sort
 * of every match by the per-pair comparison, then a cut, gives (the reference below is that
 * comparison as {@code RunSearch} made it before the heap).
 */
class RunOrderProperties {
  private static final String[] FIELDS = {"metrics.m", "params.p", "tags.t", "name", "started", "status", "id"};
  /** Ties, -0.0 against 0.0, NaN; null is a run without the metric. */
  private static final Double[] METRICS = {null, 0.5, 0.9, 0.9, 1.0, -0.0, 0.0, Double.NaN, -3.0};
  /** Numbers and texts mixed, so the comparison is not transitive; null is a missing param. */
  private static final String[] PARAMS = {null, "1", "10", "9", "2.5", "abc", "b", "-0", "0", "1e1"};
  private static final String[] TAGS = {null, "a", "b", "B", "a"};

  @Property(tries = 1_000)
  void firstRunsAreTheFullSortCut(@ForAll("runs") List<RunInfo> runs, @ForAll @IntRange(min = 0, max = 6) int field,
      @ForAll boolean descending, @ForAll @IntRange(min = 1, max = 70) int limit) {
    FieldRef ref = FieldRef.parse(FIELDS[field]);

    assertEquals(outcome(() -> sortAndCut(runs, ref, descending, limit)),
        outcome(() -> RunOrder.first(runs, ref, descending, limit)));
  }

  @Property(tries = 300)
  void numericFieldsWithATextAmongThemStillGiveTheFullSortCut(
      @ForAll @Size(min = 2, max = 40) List<@IntRange(min = 0, max = 9) Integer> picks,
      @ForAll boolean descending, @ForAll @IntRange(min = 1, max = 5) int limit) {
    List<RunInfo> runs = new ArrayList<>();
    for (int i = 0; i < picks.size(); i++) {
      runs.add(run(i, null, PARAMS[picks.get(i)], null, i % 3));
    }
    FieldRef ref = FieldRef.parse("params.p");

    assertEquals(outcome(() -> sortAndCut(runs, ref, descending, limit)),
        outcome(() -> RunOrder.first(runs, ref, descending, limit)));
  }

  @Provide
  Arbitrary<List<RunInfo>> runs() {
    Arbitrary<int[]> picks = Arbitraries.integers().between(0, 1_000).array(int[].class).ofSize(4);
    return picks.list().ofMaxSize(60).map(list -> {
      List<RunInfo> runs = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        int[] p = list.get(i);
        runs.add(run(i, METRICS[p[0] % METRICS.length], PARAMS[p[1] % PARAMS.length], TAGS[p[2] % TAGS.length],
            p[3] % 4));
      }
      return runs;
    });
  }

  /** Run {@code i}: ids in order, names and start times with ties. */
  private static RunInfo run(int i, Double metric, String param, String tag, int tie) {
    Map<String, Double> metrics = new HashMap<>();
    if (metric != null) {
      metrics.put("m", metric);
    }
    Map<String, String> params = param == null ? Map.of() : Map.of("p", param);
    Map<String, String> tags = tag == null ? Map.of() : Map.of("t", tag);
    return new RunInfo(String.format("r%03d", i), "exp", "run-" + tie, RunStatus.values()[tie],
        Instant.ofEpochMilli(1_000L * tie), Optional.empty(), Optional.empty(), params, tags, List.of(), metrics,
        RunLineage.NONE, List.of(), Optional.empty());
  }

  /** The comparison RunSearch sorted with, computing both values on every call. */
  private static Comparator<RunInfo> reference(FieldRef field, boolean descending) {
    Comparator<RunInfo> present = (a, b) -> {
      Double x = field.number(a);
      Double y = field.number(b);
      if (x != null && y != null && field.area() != FieldRef.Area.NAME) {
        return Double.compare(x, y);
      }
      return field.text(a).orElse("").compareTo(field.text(b).orElse(""));
    };
    Comparator<RunInfo> directed = descending ? present.reversed() : present;
    return (a, b) -> {
      boolean hasA = field.text(a).isPresent();
      boolean hasB = field.text(b).isPresent();
      if (hasA != hasB) {
        return hasA ? -1 : 1;
      }
      return directed.compare(a, b);
    };
  }

  private static List<RunInfo> sortAndCut(List<RunInfo> runs, FieldRef field, boolean descending, int limit) {
    List<RunInfo> sorted = new ArrayList<>(runs);
    sorted.sort(reference(field, descending));
    return sorted.subList(0, Math.min(limit, sorted.size()));
  }

  /**
   * The ids found, or the failure: with numbers and texts mixed the comparison is not transitive,
   * and the JDK's sort may then refuse it; both sides must then refuse alike.
   */
  private static Object outcome(Supplier<List<RunInfo>> order) {
    try {
      return order.get().stream().map(RunInfo::id).toList();
    } catch (IllegalArgumentException e) {
      return e.getClass();
    }
  }
}
