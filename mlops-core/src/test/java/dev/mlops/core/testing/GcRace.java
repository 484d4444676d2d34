package dev.mlops.core.testing;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.core.GcReport;
import dev.mlops.core.MlOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Garbage collection in a loop, with zero grace, while four writers in two child JVMs
 * ({@link ChurnWriter}) write overlapping content: dataset commits, runs with artifacts, model
 * registrations and drift profiles, drawn from small pools, while dropping their older heads and
 * runs. So the store always holds unreachable objects that a writer is about to deduplicate onto,
 * which is the race the collector's lease protocol closes; before the writers start, every pool
 * file and model is stored and made unreachable, so the race is there from the first write.
 *
 * <p>The writers run for the given duration and until at least one collection has deleted
 * something (so the test cannot pass without the collector at work), then stop. Holds when: after
 * every collection, every object that a ref reaches exists; at the end the store verifies, and
 * every acknowledged write that was not dropped reads back byte for byte.
 */
public final class GcRace {
  /** The pause between two collections. */
  private static final Duration PAUSE = Duration.ofMillis(100);

  /**
   * The figures of a race.
   *
   * @param store the store's URI
   * @param took from the writers' start to their end
   * @param collections how many collections ran
   * @param deleting how many of them deleted something
   * @param objects content objects they deleted
   * @param records dataset version records they deleted
   * @param acks acknowledged writes by kind
   * @param acksOntoStored acknowledged writes' objects that were already stored when they began
   * @param drops acknowledged writes dropped later
   * @param readBack live writes read back at the end
   * @param missing objects found missing though a ref reaches them, and damaged objects
   * @param lost live writes that did not read back
   */
  public record Figures(String store, Duration took, int collections, int deleting, long objects,
      long records, Map<String, Long> acks, long acksOntoStored, long drops, int readBack,
      List<String> missing, List<String> lost) {
    /** The summary line. */
    public String summary() {
      return String.format("GC race on %s: 4 writers in 2 JVMs for %.1f s; %d collections with zero"
          + " grace, %d of them deleted %d objects and %d version records; acknowledged writes %s,"
          + " %d of their objects already stored when they began, %d dropped later; %d live writes"
          + " read back; %d missing, %d lost", store, took.toMillis() / 1000.0, collections,
          deleting, objects, records, acks, acksOntoStored, drops, readBack, missing.size(),
          lost.size());
    }
  }

  private GcRace() {}

  /**
   * Runs the race, prints its summary line and fails unless it holds.
   *
   * @param mlops the SDK over the store, for the collections and the checks
   * @param childUri the store's URI as the writer JVMs open it
   * @param childEnvironment variables the writer JVMs need (such as credentials)
   * @param work a directory for the writers' files and output
   * @param duration how long the writers write at least
   * @return the figures
   * @throws Exception if a JVM cannot be started
   */
  public static Figures run(MlOps mlops, String childUri, Map<String, String> childEnvironment,
      Path work, Duration duration) throws Exception {
    makeGarbageOfThePools(mlops, work);
    Path stop = work.resolve("stop");
    List<Path> outs = List.of(work.resolve("writers-1.out"), work.resolve("writers-2.out"));
    long start = System.nanoTime();
    List<Process> children = List.of(
        ChildJvm.start(ChurnWriter.class, outs.get(0), childEnvironment, childUri,
            stop.toString(), work.toString(), "w1", "w2"),
        ChildJvm.start(ChurnWriter.class, outs.get(1), childEnvironment, childUri,
            stop.toString(), work.toString(), "w3", "w4"));
    int collections = 0;
    int deleting = 0;
    long objects = 0;
    long records = 0;
    List<String> missing = new ArrayList<>();
    try {
      while (children.stream().anyMatch(Process::isAlive)) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (!Files.exists(stop)) {
          for (int c = 0; c < children.size(); c++) {
            if (!children.get(c).isAlive()) {
              Files.createFile(stop);
              throw new AssertionError("writer JVM " + (c + 1) + " ended before it was stopped: "
                  + ChildJvm.errors(outs.get(c)));
            }
          }
          // Stop once the collector has deleted and every writer JVM has acknowledged a write
          // (under load a child JVM can take many seconds to start); the long deadline only ends
          // a run where the writers make no progress at all, which then fails below.
          if (elapsed.compareTo(duration) >= 0 && deleting > 0 && everyWriterAcknowledged(outs)
              || elapsed.compareTo(duration.multipliedBy(12)) > 0) {
            Files.createFile(stop); // the writers finish the write at hand and end
          }
        }
        GcReport report = mlops.inspector().gc(Duration.ZERO, false);
        collections++;
        deleting += report.collected() + report.refs() > 0 ? 1 : 0;
        objects += report.collected();
        records += report.refs();
        missing.addAll(StoreChecks.missing(mlops));
        // Writers do not start while a collection sweeps, and back off up to a second when they
        // find one: back-to-back collections would starve them. A pause lets them in.
        Thread.sleep(PAUSE.toMillis());
      }
    } finally {
      for (Process child : children) {
        if (child.isAlive()) {
          ChildJvm.kill(child); // after a failure: leave no writer behind
        }
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    ChurnAcks acks = new ChurnAcks();
    for (int c = 0; c < children.size(); c++) {
      if (children.get(c).exitValue() != 0) {
        throw new AssertionError("writer JVM " + (c + 1) + " failed: "
            + ChildJvm.errors(outs.get(c)));
      }
      acks.read(ChildJvm.lines(outs.get(c)));
    }
    List<String> lost = acks.lost(mlops, work);
    missing.addAll(StoreChecks.problems(mlops));
    Figures figures = new Figures(mlops.store().uri().toString(), took, collections, deleting,
        objects, records, acks.acks, acks.alreadyStored, acks.drops, acks.live(), missing, lost);
    System.out.println(figures.summary());
    if (!missing.isEmpty() || !lost.isEmpty() || deleting == 0 || acks.total() == 0) {
      throw new AssertionError(figures.summary() + "\nmissing: " + missing + "\nlost: " + lost);
    }
    return figures;
  }

  private static boolean everyWriterAcknowledged(List<Path> outs) throws IOException {
    for (Path out : outs) {
      if (!Files.exists(out) || ChildJvm.lines(out).stream().noneMatch(l -> l.startsWith("ACK "))) {
        return false;
      }
    }
    return true;
  }

  /** Stores every pool file and model, then drops what holds them: old unreachable objects. */
  private static void makeGarbageOfThePools(MlOps mlops, Path work) throws IOException {
    CommitRequest.Builder commit = CommitRequest.builder().dataset("seed");
    for (int i = 0; i < ChurnContent.FILES; i++) {
      commit.add("f" + i, Files.write(work.resolve("seed-" + i), ChurnContent.file(i)));
    }
    mlops.datasets().commit(commit.build());
    String runId;
    try (Run run = mlops.experiments().start(RunSpec.builder().experiment("seed").build())) {
      runId = run.id();
      for (int m = 0; m < ChurnContent.MODELS; m++) {
        run.artifact("m" + m + ".onnx", Files.write(work.resolve("seed-m" + m),
            ChurnContent.model(m)));
      }
    }
    mlops.datasets().deleteHead("seed", "main");
    mlops.experiments().purge(runId);
  }
}
