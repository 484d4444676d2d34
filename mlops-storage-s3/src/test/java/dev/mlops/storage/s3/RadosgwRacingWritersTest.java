package dev.mlops.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.dataset.DatasetFile;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.ChildJvm;
import dev.mlops.core.testing.StoreChecks;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs × {@value RacingWritersChild#THREADS} threads ({@link RacingWritersChild}) race on one
 * store through Ceph's radosgw 16 ({@link Radosgw}), each thread {@value #ROUNDS} rounds of: a
 * dataset commit without rebase, one with rebase, a model registration and an alias move. Checked
 * after both JVMs ended, from what they printed after each call returned and what the store holds:
 * without rebase each commit either landed or got a DatasetConflictException, and the head's
 * history is exactly the landed ones; with rebase all landed and the head holds every writer's last
 * round; the model's versions are 1..N with no gap or duplicate, each acknowledged once; the
 * alias's history holds every acknowledged move once, as one chain.
 */
@ExtendWith(RadosgwExtension.class)
class RadosgwRacingWritersTest {
  private static final int ROUNDS = 5;
  private static final int WRITERS = 2 * RacingWritersChild.THREADS;

  @TempDir Path dir;

  @Test
  @DisplayName("2 JVMs x 4 threads through radosgw: commits land or conflict, rebased commits all"
      + " land, model versions are consecutive, every alias move is in the history")
  void writersInTwoJvmsRace() throws Exception {
    String prefix = "rgw-racing-" + ProcessHandle.current().pid();
    List<String> lines = new ArrayList<>();
    List<Process> children = new ArrayList<>();
    List<Path> outs = List.of(dir.resolve("j1.out"), dir.resolve("j2.out"));
    try {
      for (int c = 0; c < 2; c++) {
        children.add(ChildJvm.start(RacingWritersChild.class, outs.get(c),
            Radosgw.childEnvironment(), Radosgw.childUri(prefix), dir.toString(), "j" + (c + 1),
            Integer.toString(ROUNDS)));
      }
      for (int c = 0; c < 2; c++) {
        // a bound only a hung child reaches
        assertTrue(children.get(c).waitFor(5, TimeUnit.MINUTES), "writer JVM " + (c + 1)
            + " did not end in 5 minutes");
        assertEquals(0, children.get(c).exitValue(), ChildJvm.errors(outs.get(c)));
        lines.addAll(ChildJvm.lines(outs.get(c)));
      }
    } finally {
      for (Process child : children) {
        if (child.isAlive()) {
          ChildJvm.kill(child);
        }
      }
    }

    try (S3ObjectStore store = S3TestServer.storeBuilder(Radosgw.endpoint()).prefix(prefix)
            .build();
        MlOps mlops = MlOps.builder().store(store).build()) {
      assertEquals(List.of(), StoreChecks.problems(mlops), "the store verifies clean");
      checkPlainCommits(mlops, lines);
      checkRebasedCommits(mlops, lines);
      List<Integer> registered = checkRegistrations(mlops, lines);
      checkAliasMoves(mlops, lines, registered);
    }
  }

  private static void checkPlainCommits(MlOps mlops, List<String> lines) {
    Set<String> landed = fields(lines, "ACK plain ", 2).stream().collect(Collectors.toSet());
    long conflicts = lines.stream().filter(l -> l.equals("CONFLICT plain")).count();
    assertEquals(WRITERS * ROUNDS, landed.size() + conflicts, "every commit landed or conflicted");
    System.out.println("racing writers on radosgw: " + landed.size() + " commits without rebase"
        + " landed, " + conflicts + " got DatasetConflictException");
    Set<String> history = mlops.datasets().history("plain").map(v -> v.ref().versionId())
        .collect(Collectors.toSet());
    assertEquals(landed, history, "the head's history is exactly the landed commits");
  }

  private static void checkRebasedCommits(MlOps mlops, List<String> lines) throws Exception {
    List<String> landed = fields(lines, "ACK rebased ", 2);
    assertEquals(WRITERS * ROUNDS, landed.size(), "every rebased commit landed");
    Set<String> history = mlops.datasets().history("rebased").map(v -> v.ref().versionId())
        .collect(Collectors.toSet());
    assertEquals(new HashSet<>(landed), history);
    DatasetVersion head = mlops.datasets().resolve("rebased");
    Set<String> writers = lines.stream().filter(l -> l.startsWith("ACK rebased "))
        .map(l -> l.split(" ")[3]).collect(Collectors.toSet());
    assertEquals(WRITERS, writers.size());
    assertEquals(writers, head.files().stream().map(DatasetFile::path).collect(
        Collectors.toSet()), "the head holds one file per writer");
    for (String writer : writers) {
      try (InputStream in = mlops.datasets().open("rebased", writer)) {
        assertArrayEquals(RacingWritersChild.content(writer, ROUNDS - 1), in.readAllBytes(),
            "the head holds " + writer + "'s last round");
      }
    }
  }

  private static List<Integer> checkRegistrations(MlOps mlops, List<String> lines) {
    List<Integer> expected = IntStream.rangeClosed(1, WRITERS * ROUNDS).boxed().toList();
    List<Integer> acked = fields(lines, "ACK model ", 2).stream().map(Integer::valueOf).sorted()
        .toList();
    assertEquals(expected, acked, "each version acknowledged once, no gap");
    assertEquals(expected, mlops.models().versions("m").stream().map(ModelVersion::version)
        .sorted().toList(), "the registry holds versions 1.." + expected.size());
    return acked;
  }

  private static void checkAliasMoves(MlOps mlops, List<String> lines, List<Integer> versions) {
    Map<String, Integer> acked = new HashMap<>(); // actor -> version
    lines.stream().filter(l -> l.startsWith("ACK alias ")).map(l -> l.split(" "))
        .forEach(ack -> acked.put(ack[2], Integer.valueOf(ack[3])));
    assertEquals(WRITERS * ROUNDS, acked.size());
    List<AliasMove> history = mlops.models().aliasHistory("m", "champion");
    Map<String, Integer> recorded = new HashMap<>();
    history.forEach(move -> recorded.put(move.actor(), move.to().orElseThrow()));
    assertEquals(history.size(), recorded.size(), "each move recorded once");
    assertEquals(acked, recorded, "every acknowledged move is in the history, to its version");
    OptionalInt previous = OptionalInt.empty();
    for (AliasMove move : history) {
      assertEquals(previous, move.from(), "each move starts where the previous one ended");
      previous = move.to();
    }
    assertEquals(previous.orElseThrow(), mlops.models().aliases("m").get("champion"));
    assertTrue(versions.containsAll(acked.values()));
  }

  /** Field {@code index} of the lines starting with {@code prefix}. */
  private static List<String> fields(List<String> lines, String prefix, int index) {
    return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.split(" ")[index])
        .toList();
  }
}
