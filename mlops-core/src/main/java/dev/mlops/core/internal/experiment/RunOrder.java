package dev.mlops.core.internal.experiment;

import dev.mlops.api.experiment.RunInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * Orders a search's matches by one field and keeps the first {@code limit}, with the same result
 * as a stable sort by {@link #compare} followed by a cut. Runs without the field come last in
 * either direction; ties keep the matches' order.
 *
 * <p>Each run's value is computed once, not twice per comparison (a metric's text form costs a
 * number formatting, a start time's an {@code Instant.toString}). When every present value is a
 * number, or every one is a text, the order is total, so a bounded heap keeps the first
 * {@code limit} in O(n log limit) instead of sorting all. When numbers and texts are mixed (a param
 * that is {@code 10} in one run and {@code abc} in another) the comparison is not transitive, so
 * only the plain stable sort gives the documented result: that case sorts everything.
 */
final class RunOrder {
  private RunOrder() {}

  /** A run with its value: {@code number} when it has one (never for names), else {@code text}. */
  private record Keyed(RunInfo run, int position, @Nullable Double number, @Nullable String text) {
    boolean present() {
      return number != null || text != null;
    }
  }

  static List<RunInfo> first(List<RunInfo> matches, FieldRef field, boolean descending, int limit) {
    List<Keyed> keyed = new ArrayList<>(matches.size());
    boolean numbers = false;
    boolean texts = false;
    for (RunInfo run : matches) {
      Double number = field.area() == FieldRef.Area.NAME ? null : field.number(run);
      String text = number == null ? field.text(run).orElse(null) : null;
      numbers |= number != null;
      texts |= text != null;
      keyed.add(new Keyed(run, keyed.size(), number, text));
    }
    Comparator<Keyed> order = (a, b) -> compare(a, b, descending);
    if (numbers && texts) {
      keyed.replaceAll(k -> k.number == null ? k : new Keyed(k.run, k.position, k.number,
          field.text(k.run).orElseThrow()));
      keyed.sort(order);
      return runs(keyed.subList(0, Math.min(limit, keyed.size())));
    }
    Comparator<Keyed> total = order.thenComparingInt(Keyed::position);
    if (limit >= keyed.size()) {
      keyed.sort(total);
      return runs(keyed);
    }
    PriorityQueue<Keyed> worstOnTop = new PriorityQueue<>(limit + 1, total.reversed());
    for (Keyed each : keyed) {
      worstOnTop.add(each);
      if (worstOnTop.size() > limit) {
        worstOnTop.poll();
      }
    }
    List<Keyed> kept = new ArrayList<>(worstOnTop);
    kept.sort(total);
    return runs(kept);
  }

  /** The search order of two keyed runs; see {@link FieldRef} for what is a number. */
  private static int compare(Keyed a, Keyed b, boolean descending) {
    if (a.present() != b.present()) {
      return a.present() ? -1 : 1; // runs without the field come last in either direction
    }
    if (!a.present()) {
      return 0;
    }
    int cmp = a.number != null && b.number != null
        ? Double.compare(a.number, b.number)
        : a.text.compareTo(b.text);
    return descending ? -cmp : cmp;
  }

  private static List<RunInfo> runs(List<Keyed> keyed) {
    List<RunInfo> runs = new ArrayList<>(keyed.size());
    for (Keyed each : keyed) {
      runs.add(each.run);
    }
    return runs;
  }
}
