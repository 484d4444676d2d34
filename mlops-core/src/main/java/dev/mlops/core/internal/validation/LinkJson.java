package dev.mlops.core.internal.validation;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.validation.ValidationReport;
import dev.mlops.core.internal.json.JsonFields;
import dev.mlops.core.internal.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;

/** The small log entry linking a report to a model version. */
final class LinkJson {
  private LinkJson() {}

  static String write(ValidationReport report) {
    return SuiteJson.MAPPER.createObjectNode().put("report", report.id())
        .put("suite", report.suite()).put("passed", report.passed())
        .put("createdAt", report.createdAt().toString()).toString();
  }

  /**
   * Returns the id of the report a link entry names, reading the entry strictly.
   *
   * @throws IntegrityException if the entry is not exactly a link
   */
  static String reportOf(String json) {
    try {
      JsonFields link = new JsonFields(StrictJson.tree(json.getBytes(StandardCharsets.UTF_8)),
          "a validation log entry");
      String id = link.text("report");
      link.text("suite");
      link.bool("passed", null);
      link.instant("createdAt");
      link.requireNoOthers();
      if (!id.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("it names no report: '" + id + "'");
      }
      return id;
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new IntegrityException("A validation log entry is damaged (" + e.getMessage()
          + "): " + json + "; restore it from a backup, or delete it to unlink the report", e);
    }
  }
}
