package dev.mlops.core.internal.drift.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftHistory;
import dev.mlops.api.drift.DriftRecord;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.core.MlOps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A writer process: records {@code count} reports into the history {@code shared} of a directory
 * store, the i-th covering the instant {@code T0 + writer·1000 s + i}, once the start file exists.
 * Arguments: store directory, writer number, count, start file.
 */
public final class ConcurrentHistoryChild {
  private ConcurrentHistoryChild() {}

  public static void main(String[] args) throws Exception {
    Path store = Path.of(args[0]);
    int writer = Integer.parseInt(args[1]);
    int count = Integer.parseInt(args[2]);
    Path start = Path.of(args[3]);
    try (MlOps mlops = MlOps.local(store)) {
      DriftReport report = mlops.drift().compare(DriftHistoryTest.gaussian(200, 0, 1),
          DriftHistoryTest.gaussian(200, 0, 2), DriftConfig.ofDefaults());
      DriftHistory history = mlops.drift().history("shared");
      System.out.println("READY");
      System.out.flush();
      while (!Files.exists(start)) {
        Thread.sleep(2);
      }
      write(history, report, writer, count);
    }
    System.out.println("DONE");
  }

  static void write(DriftHistory history, DriftReport report, int writer, int count) {
    for (int i = 0; i < count; i++) {
      Instant at = DriftHistoryTest.T0.plusSeconds(writer * 1_000L + i);
      history.record(report, at, at);
    }
  }

  /**
   * Checks that a history written by {@code writers} writers of {@code count} records each holds
   * every record once, numbered 1 to writers·count without a gap, in each writer's order.
   */
  static void assertComplete(List<DriftRecord> records, int writers, int count) {
    assertEquals(writers * count, records.size());
    List<Long> sequences = records.stream().map(DriftRecord::sequence).sorted().toList();
    for (int i = 0; i < sequences.size(); i++) {
      assertEquals(i + 1, sequences.get(i), "sequence numbers 1.." + sequences.size() + " once each");
    }
    for (int w = 0; w < writers; w++) {
      List<Instant> expected = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        expected.add(DriftHistoryTest.T0.plusSeconds(w * 1_000L + i));
      }
      int writer = w;
      List<DriftRecord> own = records.stream()
          .filter(r -> r.to().getEpochSecond() / 1_000 == DriftHistoryTest.T0.getEpochSecond() / 1_000 + writer)
          .sorted(Comparator.comparingLong(DriftRecord::sequence)).toList();
      assertEquals(expected, own.stream().map(DriftRecord::to).toList(),
          "writer " + w + "'s records, each once, numbered in the order it wrote them");
    }
  }
}
