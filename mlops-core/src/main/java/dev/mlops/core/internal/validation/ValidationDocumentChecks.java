package dev.mlops.core.internal.validation;

import dev.mlops.api.IntegrityException;
import dev.mlops.core.internal.storage.PrefixDocumentChecks;
import java.nio.charset.StandardCharsets;

/**
 * The validator's documents: the log entries that link reports to model versions, and the markers
 * that keep saved reports (the same JSON, under the report's id).
 */
public final class ValidationDocumentChecks extends PrefixDocumentChecks {
  /** Creates the checks; found by {@link java.util.ServiceLoader}. */
  public ValidationDocumentChecks() {
    super("validation", ReportStore.LOGS, ReportStore.SAVED);
  }

  @Override
  public void check(String key, byte[] body) {
    String report = LinkJson.reportOf(new String(body, StandardCharsets.UTF_8));
    if (key.startsWith(ReportStore.SAVED) && !key.equals(ReportStore.SAVED + report)) {
      throw new IntegrityException("Validation report marker '" + key + "' is damaged: it names"
          + " report " + report + "; restore it from a backup");
    }
  }
}
