package dev.mlops.core.internal.experiment;

import dev.mlops.api.IntegrityException;
import dev.mlops.core.internal.storage.PrefixDocumentChecks;
import java.nio.charset.StandardCharsets;

/**
 * The experiment logger's documents: experiment markers (empty), run documents and heartbeats
 * (the writer's clock in epoch milliseconds, as decimal text).
 */
public final class RunDocumentChecks extends PrefixDocumentChecks {
  /** Creates the checks; found by {@link java.util.ServiceLoader}. */
  public RunDocumentChecks() {
    super("runs", RunKeys.EXPERIMENTS, RunKeys.RUNS, RunKeys.HEARTBEATS);
  }

  @Override
  public void check(String key, byte[] body) {
    if (key.startsWith(RunKeys.EXPERIMENTS)) {
      ExperimentNames.parse(body, key.substring(RunKeys.EXPERIMENTS.length()));
    } else if (key.startsWith(RunKeys.HEARTBEATS)) {
      if (!new String(body, StandardCharsets.UTF_8).matches("[0-9]{1,19}")) {
        throw damaged(key, "a heartbeat holds a time in milliseconds");
      }
    } else {
      String id = RunKeys.runIdOf(key);
      if (id == null) {
        throw damaged(key, "no run document lies below another");
      }
      RunDocs.decode(id, body);
    }
  }

  @Override
  public boolean wasEmptyBeforeSeals(String key) {
    return key.startsWith(RunKeys.EXPERIMENTS);
  }

  private static IntegrityException damaged(String key, String why) {
    return new IntegrityException("Stored document '" + key + "' is damaged: " + why
        + "; restore it from a backup");
  }
}
