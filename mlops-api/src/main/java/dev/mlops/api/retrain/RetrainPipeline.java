package dev.mlops.api.retrain;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A retraining pipeline declared in code: named steps run in order (typically prepare data,
 * train, validate, register, promote), each with a condition. Run it with
 * {@link Retraining#run}. Immutable.
 */
public final class RetrainPipeline {
  private final String name;
  private final List<PipelineStep> steps;

  private RetrainPipeline(String name, List<PipelineStep> steps) {
    this.name = name;
    this.steps = List.copyOf(steps);
  }

  /**
   * Returns the pipeline's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the steps in order.
   *
   * @return the steps
   */
  public List<PipelineStep> steps() {
    return steps;
  }

  /**
   * Returns a new builder.
   *
   * @param name the pipeline's name, valid under {@link Names}
   * @return the builder
   */
  public static Builder builder(String name) {
    return new Builder(Names.requireValid("pipeline", name));
  }

  /** Builds a {@link RetrainPipeline}; reusable after build. */
  public static final class Builder {
    private final String name;
    private final List<PipelineStep> steps = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Adds a step that always runs.
     *
     * @param step the step's name, unique in the pipeline
     * @param action what it does
     * @return this builder
     */
    public Builder step(String step, StepAction action) {
      return step(step, StepCondition.ALWAYS, action);
    }

    /**
     * Adds a step that runs when its condition holds.
     *
     * @param step the step's name, unique in the pipeline
     * @param condition whether it runs
     * @param action what it does
     * @return this builder
     */
    public Builder step(String step, StepCondition condition, StepAction action) {
      steps.add(new PipelineStep(step, condition, action));
      return this;
    }

    /**
     * Builds the pipeline.
     *
     * @return the pipeline
     * @throws IllegalStateException if it has no step
     * @throws IllegalArgumentException if two steps share a name
     */
    public RetrainPipeline build() {
      if (steps.isEmpty()) {
        throw new IllegalStateException("add at least one step(...) to pipeline '" + name + "'");
      }
      Set<String> seen = new HashSet<>();
      for (PipelineStep step : steps) {
        if (!seen.add(step.name())) {
          throw new IllegalArgumentException("step '" + step.name() + "' appears twice in pipeline '"
              + name + "'; give each step its own name");
        }
      }
      return new RetrainPipeline(name, steps);
    }
  }

  @Override
  public String toString() {
    return "RetrainPipeline[" + name + ", steps=" + steps.stream().map(PipelineStep::name).toList() + "]";
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof RetrainPipeline that && name.equals(that.name) && steps.equals(that.steps);
  }

  @Override
  public int hashCode() {
    return requireNonNull(name).hashCode() * 31 + steps.hashCode();
  }
}
