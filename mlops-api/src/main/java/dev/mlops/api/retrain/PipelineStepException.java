package dev.mlops.api.retrain;

import dev.mlops.api.MlOpsException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a pipeline step fails. The failure is recorded; running the pipeline again with the
 * same run id resumes at the failed step.
 */
public class PipelineStepException extends MlOpsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which step of which run failed, and how to resume
   * @param cause the step's failure, or {@code null}
   */
  public PipelineStepException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
