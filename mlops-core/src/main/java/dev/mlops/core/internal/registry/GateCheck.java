package dev.mlops.core.internal.registry;

import dev.mlops.api.registry.ChampionRule;
import dev.mlops.api.registry.GateDecision;
import dev.mlops.api.registry.GateVersion;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.validation.ChangeThreshold;
import dev.mlops.api.validation.Check;
import dev.mlops.api.validation.CheckResult;
import dev.mlops.api.validation.OnnxModel;
import dev.mlops.api.validation.ValidationReport;
import dev.mlops.api.validation.ValidationRequest;
import dev.mlops.api.validation.ValidationSuite;
import dev.mlops.api.validation.Validator;
import dev.mlops.core.internal.onnx.OnnxPredictor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one stored gate on a candidate: the gate's suite on its pinned data, with the champion as
 * the baseline when the gate's rule says so, through the Validator (so the report is stored and
 * linked to the candidate like any other). The decision names the gate version and the report.
 */
final class GateCheck {
  private final Versions versions;
  private final GateServices services;

  GateCheck(Versions versions, GateServices services) {
    this.versions = versions;
    this.services = services;
  }

  GateDecision run(GateVersion gate, ModelVersion candidate, Optional<ModelVersion> champion) {
    String name = gate.toString();
    if (candidate.format() != ModelFormat.ONNX) {
      return GateDecision.fail(name + " runs ONNX models only, and " + candidate + " is " + candidate.format()
          + "; register the candidate as ONNX");
    }
    ValidationSuite suite = gate.spec().suite();
    Optional<ModelVersion> baseline = gate.spec().champion() == ChampionRule.CHAMPION_IS_BASELINE
        ? champion : Optional.empty();
    List<String> notes = new ArrayList<>();
    if (gate.spec().champion() == ChampionRule.CHAMPION_IS_BASELINE && champion.isEmpty()) {
      List<Check> absolute = suite.checks().stream().filter(c -> !(c instanceof ChangeThreshold)).toList();
      if (absolute.isEmpty()) {
        return GateDecision.fail(name + ": suite " + suite.name() + " only compares with the champion, and "
            + gate.model() + "@" + gate.alias() + " has none yet; store a gate with absolute thresholds for the"
            + " first promotion");
      }
      if (absolute.size() < suite.checks().size()) {
        notes.add("no champion yet: the change thresholds were left out");
      }
      suite = new ValidationSuite(suite.name(), absolute, suite.metrics(), suite.bootstrap(), suite.measurement());
    }
    Validator validator = services.validator().get();
    String reference = candidate.model() + "/" + candidate.version();
    ValidationRequest.Builder request = ValidationRequest.builder().suite(suite)
        .data(GateDataReader.read(services.datasets().get(), validator, gate.spec().data()))
        .candidateModel(OnnxModel.of(versions.readModel(candidate), reference)).model(reference);
    ValidationReport report;
    if (baseline.isPresent()) {
      ModelVersion base = baseline.get();
      try (OnnxPredictor predictor = OnnxPredictor.of(versions.readModel(base), base.toString())) {
        report = validator.validate(request.baseline(predictor).build());
      }
      notes.add("baseline " + base);
    } else {
      report = validator.validate(request.build());
    }
    String where = "suite " + suite.name() + " on " + shortly(gate.spec().data()) + " (report " + report.id()
        + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)) + ")";
    if (report.passed()) {
      return GateDecision.pass(name + " passed " + candidate + ": " + where);
    }
    List<String> failed = report.checks().stream().filter(c -> !c.passed()).map(GateCheck::failure).toList();
    return GateDecision.fail(name + " refused " + candidate + ": " + where + " failed: " + String.join("; ", failed));
  }

  /** The data with its version id cut to 12 characters, as the CLI shows ids; the gate document has it whole. */
  static String shortly(dev.mlops.api.registry.GateData data) {
    int at = data.dataset().indexOf('@');
    String id = data.dataset().substring(at + 1);
    return data.dataset().substring(0, at + 1) + id.substring(0, Math.min(12, id.length())) + ":" + data.table();
  }

  private static String failure(CheckResult result) {
    return result.check().describe() + ": " + result.message();
  }
}
