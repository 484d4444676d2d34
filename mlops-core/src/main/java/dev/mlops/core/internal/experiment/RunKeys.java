package dev.mlops.core.internal.experiment;

/**
 * Where runs live in the store. The run document is a small mutable ref moved by
 * compare-and-set; the heartbeat is a separate ref so that liveness updates never race with
 * param or tag changes; metric segments are an append-only history, one object per flush.
 *
 * <pre>
 * refs/experiments/&lt;experiment&gt;            marker, created once (putIfAbsent)
 * refs/runs/&lt;id&gt;                           the run document (JSON), compareAndSet
 * refs/heartbeats/&lt;id&gt;                     rewritten by the live writer every interval
 * logs/runs/&lt;id&gt;/metrics/&lt;seq, 10 digits&gt;  immutable metric segments, seq by putIfAbsent
 * </pre>
 */
final class RunKeys {
  static final String EXPERIMENTS = "refs/experiments/";
  static final String RUNS = "refs/runs/";
  static final String HEARTBEATS = "refs/heartbeats/";

  private RunKeys() {}

  static String experiment(String name) {
    return EXPERIMENTS + name;
  }

  static String run(String id) {
    return RUNS + id;
  }

  /** Heartbeats live apart from run documents so that listing the documents stays flat. */
  static String heartbeat(String id) {
    return HEARTBEATS + id;
  }

  static String segmentPrefix(String id) {
    return "logs/runs/" + id + "/metrics/";
  }

  static String segment(String id, long seq) {
    return segmentPrefix(id) + String.format("%010d", seq);
  }

  /** Returns the run id of a run document key, or null for other keys under {@link #RUNS}. */
  static String runIdOf(String key) {
    String rest = key.substring(RUNS.length());
    return rest.indexOf('/') < 0 ? rest : null;
  }
}
