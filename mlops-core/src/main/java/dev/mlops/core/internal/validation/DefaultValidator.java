package dev.mlops.core.internal.validation;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.registry.PromotionGate;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.validation.MetricFunction;
import dev.mlops.api.validation.ValidationReport;
import dev.mlops.api.validation.ValidationRequest;
import dev.mlops.api.validation.ValidationSuite;
import dev.mlops.api.validation.Validator;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Validator on an object store. Thread-safe: it keeps no state besides the store. */
public final class DefaultValidator implements Validator {
  private final ReportStore reports;
  private final Clock clock;

  /**
   * Creates the validator.
   *
   * @param store where reports are stored
   * @param clock where report times come from
   */
  public DefaultValidator(ObjectStore store, Clock clock) {
    this.reports = new ReportStore(requireNonNull(store, "store"));
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public ValidationReport validate(ValidationRequest request) {
    requireNonNull(request, "request");
    return reports.save(SuiteRunner.run(request, clock.instant()));
  }

  @Override
  public ValidationReport report(String id) {
    return reports.read(requireNonNull(id, "id"));
  }

  @Override
  public List<String> reportsFor(String model) {
    requireNonNull(model, "model");
    ReportStore.prefix(model); // validates the reference's shape
    return reports.idsFor(model);
  }

  @Override
  public PromotionGate promotionGate(Optional<String> suite) {
    return new ReportGate(reports, requireNonNull(suite, "suite"));
  }

  @Override
  public String toJson(ValidationSuite suite) {
    return SuiteJson.write(requireNonNull(suite, "suite"));
  }

  @Override
  public ValidationSuite suiteFromJson(String json, Map<String, MetricFunction> functions) {
    return SuiteJson.read(requireNonNull(json, "json"), requireNonNull(functions, "functions"));
  }

  @Override
  public String toHtml(ValidationReport report) {
    return ValidationReportPage.render(requireNonNull(report, "report"));
  }

  @Override
  public dev.mlops.api.validation.LabelledData labelledData(
      org.apache.arrow.vector.ipc.ArrowReader reader, String label) {
    try {
      return LabelledArrow.read(requireNonNull(reader, "reader"), requireNonNull(label, "label"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("could not read the Arrow batches: " + e.getMessage(), e);
    }
  }
}
