package dev.mlops.core.internal.retrain;

import dev.mlops.core.internal.storage.DocumentChecks;
import java.time.Clock;

/**
 * Retraining's documents: each policy's decision history, approval requests and pipeline run
 * states.
 */
public final class RetrainDocumentChecks implements DocumentChecks {
  /** Creates the checks; found by {@link java.util.ServiceLoader}. */
  public RetrainDocumentChecks() {}

  @Override
  public String name() {
    return "retraining";
  }

  @Override
  public boolean owns(String key) {
    return key.startsWith(DecisionLog.ROOT) || key.startsWith(RequestStore.PREFIX)
        || key.startsWith(PipelineState.PREFIX);
  }

  @Override
  public void check(String key, byte[] body) {
    if (key.startsWith(DecisionLog.ROOT)) {
      DecisionCodec.decode(key, body);
    } else if (key.startsWith(RequestStore.PREFIX)) {
      // Expiry depends on the time of reading, never on whether the document reads.
      RequestStore.decode(key.substring(RequestStore.PREFIX.length()), body, Clock.systemUTC());
    } else {
      PipelineState.decode(key, body);
    }
  }
}
