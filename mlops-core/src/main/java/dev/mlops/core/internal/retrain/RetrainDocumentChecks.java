package dev.mlops.core.internal.retrain;

import dev.mlops.core.internal.storage.PrefixDocumentChecks;
import java.time.Clock;

/**
 * Retraining's documents: each policy's decision history, approval requests and pipeline run
 * states.
 */
public final class RetrainDocumentChecks extends PrefixDocumentChecks {
  /** Creates the checks; found by {@link java.util.ServiceLoader}. */
  public RetrainDocumentChecks() {
    super("retraining", DecisionLog.ROOT, RequestStore.PREFIX, PipelineState.PREFIX);
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
