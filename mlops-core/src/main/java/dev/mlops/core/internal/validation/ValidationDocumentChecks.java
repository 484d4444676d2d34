package dev.mlops.core.internal.validation;

import dev.mlops.core.internal.storage.DocumentChecks;
import java.nio.charset.StandardCharsets;

/** The validator's documents: the log entries that link reports to model versions. */
public final class ValidationDocumentChecks implements DocumentChecks {
  /** Creates the checks; found by {@link java.util.ServiceLoader}. */
  public ValidationDocumentChecks() {}

  @Override
  public String name() {
    return "validation";
  }

  @Override
  public boolean owns(String key) {
    return key.startsWith(ReportStore.LOGS);
  }

  @Override
  public void check(String key, byte[] body) {
    LinkJson.reportOf(new String(body, StandardCharsets.UTF_8));
  }
}
