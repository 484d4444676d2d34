package dev.mlops.core.internal.validation;

import dev.mlops.core.internal.storage.PrefixDocumentChecks;
import java.nio.charset.StandardCharsets;

/** The validator's documents: the log entries that link reports to model versions. */
public final class ValidationDocumentChecks extends PrefixDocumentChecks {
  /** Creates the checks; found by {@link java.util.ServiceLoader}. */
  public ValidationDocumentChecks() {
    super("validation", ReportStore.LOGS);
  }

  @Override
  public void check(String key, byte[] body) {
    LinkJson.reportOf(new String(body, StandardCharsets.UTF_8));
  }
}
