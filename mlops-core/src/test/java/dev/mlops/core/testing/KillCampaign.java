package dev.mlops.core.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A kill -9 campaign: start a child JVM, wait until it prints {@code READY} (the children print it
 * after their first acknowledged write, so that every round kills a child at work, however loaded
 * the machine), let it work for a random delay, kill it with SIGKILL, and let the test check the
 * store; as many times as asked.
 * The delays are drawn from a seeded random generator; the seed is printed and can be set with
 * {@code -Dmlops.campaign.seed=<seed>} to replay a campaign's delays.
 *
 * <p>The test's check tallies what it finds: <em>torn</em> (a damaged object, or a version, run or
 * model that does not read whole) and <em>lost</em> (a write the child acknowledged, by printing
 * it after the call returned, that does not read back). The campaign prints one summary line and
 * fails, listing the findings, unless both are zero.
 */
public final class KillCampaign {
  /** Starts the child of one round, its standard output going to {@code out}. */
  public interface Child {
    /**
     * Starts the child.
     *
     * @param round the round, from 0
     * @param out the file its standard output goes to
     * @return the running child
     * @throws IOException if it cannot be started
     */
    Process start(int round, Path out) throws IOException;
  }

  /** Checks the store after a kill. */
  public interface Check {
    /**
     * Checks the store after the round's child was killed.
     *
     * @param round the round, from 0
     * @param lines the complete lines the child printed
     * @param tally where to count what was found
     * @throws Exception on a failure of the check itself
     */
    void afterKill(int round, List<String> lines, Tally tally) throws Exception;
  }

  /** What the checks found, over the whole campaign. */
  public static final class Tally {
    private final List<String> torn = new ArrayList<>();
    private final List<String> lost = new ArrayList<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private long acks;

    /** Counts something that does not read whole. */
    public void torn(String what) {
      torn.add(what);
    }

    /** Counts each of the store's problems ({@link StoreChecks#problems}) as torn. */
    public void torn(List<String> problems) {
      torn.addAll(problems);
    }

    /** Counts an acknowledged write that does not read back. */
    public void lost(String what) {
      lost.add(what);
    }

    /** Counts acknowledged writes that were checked. */
    public void acked(long n) {
      acks += n;
    }

    /** Adds to a figure of the campaign's own, printed in the summary line. */
    public void count(String figure, long n) {
      counts.merge(figure, n, Long::sum);
    }
  }

  /**
   * The campaign's figures.
   *
   * @param name what was killed
   * @param seed the seed of the delays
   * @param kills how many children were killed
   * @param torn findings of damaged or partial data
   * @param lost acknowledged writes that did not read back
   * @param acks acknowledged writes checked
   * @param counts the test's own figures
   * @param took how long the campaign took
   */
  public record Figures(String name, long seed, int kills, List<String> torn, List<String> lost,
      long acks, Map<String, Long> counts, Duration took) {
    /** The summary line. */
    public String summary() {
      StringBuilder line = new StringBuilder("kill -9 campaign '" + name + "': seed " + seed
          + ", " + kills + " kills, " + torn.size() + " torn, " + lost.size() + " lost, " + acks
          + " acks");
      counts.forEach((figure, n) -> line.append(", ").append(n).append(' ').append(figure));
      return line.append(String.format(", %.1f s", took.toMillis() / 1000.0)).toString();
    }
  }

  private KillCampaign() {}

  /**
   * Runs the campaign, prints its summary line and fails unless nothing was torn or lost.
   *
   * @param name what is killed, for the summary
   * @param kills how many children to kill
   * @param maxDelay the longest a child works after printing {@code READY}
   * @param work a directory for the children's output
   * @param child starts a child
   * @param check checks the store after each kill
   * @return the figures
   * @throws Exception if a child cannot be started or a check fails
   */
  public static Figures run(String name, int kills, Duration maxDelay, Path work, Child child,
      Check check) throws Exception {
    long seed = Long.getLong("mlops.campaign.seed", System.nanoTime());
    Random random = new Random(seed);
    Tally tally = new Tally();
    long start = System.nanoTime();
    for (int round = 0; round < kills; round++) {
      Path out = work.resolve("child-" + round + ".out");
      Process process = child.start(round, out);
      try {
        ChildJvm.awaitLine(process, out, "READY", Duration.ofMinutes(2));
        TimeUnit.MILLISECONDS.sleep(random.nextLong(maxDelay.toMillis() + 1));
        if (!process.isAlive()) {
          throw new AssertionError("round " + round + ": the child ended before it was killed"
              + " (exit " + process.exitValue() + "): " + ChildJvm.errors(out));
        }
      } finally {
        ChildJvm.kill(process);
      }
      check.afterKill(round, ChildJvm.lines(out), tally);
    }
    Figures figures = new Figures(name, seed, kills, tally.torn, tally.lost, tally.acks,
        tally.counts, Duration.ofNanos(System.nanoTime() - start));
    System.out.println(figures.summary());
    if (!tally.torn.isEmpty() || !tally.lost.isEmpty()) {
      throw new AssertionError(figures.summary() + "\ntorn: " + tally.torn + "\nlost: "
          + tally.lost + "\n(replay the delays with -Dmlops.campaign.seed=" + seed + ")");
    }
    return figures;
  }
}
