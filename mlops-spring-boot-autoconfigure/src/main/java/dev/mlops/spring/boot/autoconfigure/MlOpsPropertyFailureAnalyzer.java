package dev.mlops.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link MlOpsPropertyException} found anywhere in a startup failure's causes as the
 * property, its value, what is wrong and what to change. Registered in {@code META-INF/spring.factories}.
 */
class MlOpsPropertyFailureAnalyzer extends AbstractFailureAnalyzer<MlOpsPropertyException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, MlOpsPropertyException cause) {
    String description = "The property '" + cause.property() + "' (value: " + cause.value() + ") cannot be used: "
        + cause.problem();
    return new FailureAnalysis(description, cause.action(), cause);
  }
}
