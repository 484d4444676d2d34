package dev.mlops.core.internal.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mlops.api.IntegrityException;
import dev.mlops.api.validation.ValidationReport;

/** The small log entry linking a report to a model version. */
final class LinkJson {
  private LinkJson() {}

  static String write(ValidationReport report) {
    return SuiteJson.MAPPER.createObjectNode().put("report", report.id())
        .put("suite", report.suite()).put("passed", report.passed())
        .put("createdAt", report.createdAt().toString()).toString();
  }

  static String reportOf(String json) {
    try {
      String id = SuiteJson.MAPPER.readTree(json).path("report").asText();
      if (!id.matches("[0-9a-f]{64}")) {
        throw new IntegrityException("a validation log entry names no report: " + json);
      }
      return id;
    } catch (JsonProcessingException e) {
      throw new IntegrityException("a validation log entry is not JSON: " + json, e);
    }
  }
}
