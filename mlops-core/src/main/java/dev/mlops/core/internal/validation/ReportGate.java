package dev.mlops.core.internal.validation;

import dev.mlops.api.registry.GateDecision;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.registry.PromotionGate;
import dev.mlops.api.validation.ValidationReport;
import java.util.List;
import java.util.Optional;

/**
 * The Validator's promotion gate: a version may take an alias when its most recent stored report
 * (of the named suite, if one is required) passed, and that report names exactly this version.
 * The most recent report decides, so a later failing run withdraws an earlier pass.
 */
public final class ReportGate implements PromotionGate {
  private final ReportStore reports;
  private final Optional<String> suite;

  /**
   * Creates the gate.
   *
   * @param reports where reports are stored
   * @param suite the suite whose reports count, or empty for any suite
   */
  public ReportGate(ReportStore reports, Optional<String> suite) {
    this.reports = reports;
    this.suite = suite;
  }

  @Override
  public GateDecision evaluate(ModelVersion candidate, String alias) {
    String reference = candidate.model() + "/" + candidate.version();
    List<String> ids = reports.idsFor(reference);
    for (int i = ids.size() - 1; i >= 0; i--) {
      ValidationReport report = reports.readLinked(ids.get(i));
      if (suite.isPresent() && !suite.get().equals(report.suite())) {
        continue;
      }
      if (!report.model().equals(Optional.of(reference))) {
        return GateDecision.fail("report " + report.id() + " is linked to " + reference
            + " but names " + report.model().orElse("no model") + "; validate " + reference + " again");
      }
      if (report.passed()) {
        return GateDecision.pass("validation report " + report.id() + " (suite " + report.suite()
            + ") passed for " + reference);
      }
      return GateDecision.fail("the latest validation report " + report.id() + " for " + reference
          + " failed: " + failedChecks(report) + "; fix the model and validate again");
    }
    return GateDecision.fail("no validation report" + suite.map(s -> " of suite " + s).orElse("")
        + " for " + reference + "; run Validator.validate with model(\"" + reference + "\") first");
  }

  private static String failedChecks(ValidationReport report) {
    return report.checks().stream().filter(c -> !c.passed()).map(c -> c.check().describe())
        .toList().toString();
  }
}
