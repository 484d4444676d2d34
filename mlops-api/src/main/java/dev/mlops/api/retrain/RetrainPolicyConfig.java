package dev.mlops.api.retrain;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A retraining policy's triggers and controls.
 *
 * @param name the policy's name
 * @param triggers the triggers
 * @param minActive how many triggers must be active to fire (1 = any, all = the trigger count)
 * @param consecutiveWindows how many windows in a row the triggers must ask before firing
 * @param cooldown how long after a retrain nothing fires
 * @param minNewLabelledRows how many new labelled rows a retrain needs
 * @param defaultAutomation the automation level of a fired decision
 */
public record RetrainPolicyConfig(
    String name,
    List<Trigger> triggers,
    int minActive,
    int consecutiveWindows,
    Duration cooldown,
    long minNewLabelledRows,
    Automation defaultAutomation) {
  /** The default cooldown after a retrain: 1 day. */
  public static final Duration DEFAULT_COOLDOWN = Duration.ofDays(1);

  /**
   * Creates the value; {@code triggers} is copied.
   *
   * @param name the name
   * @param triggers at least one trigger
   * @param minActive between 1 and the trigger count
   * @param consecutiveWindows at least 1
   * @param cooldown not negative
   * @param minNewLabelledRows not negative
   * @param defaultAutomation the automation level
   */
  public RetrainPolicyConfig {
    Names.requireValid("policy", name);
    triggers = List.copyOf(triggers);
    requireNonNull(cooldown, "cooldown");
    requireNonNull(defaultAutomation, "defaultAutomation");
    if (triggers.isEmpty()) {
      throw new IllegalArgumentException("a retrain policy needs at least one trigger");
    }
    if (minActive < 1 || minActive > triggers.size()) {
      throw new IllegalArgumentException("minActive must be in [1, " + triggers.size() + "], got " + minActive);
    }
    if (consecutiveWindows < 1) {
      throw new IllegalArgumentException("consecutiveWindows must be at least 1, got " + consecutiveWindows);
    }
    if (cooldown.isNegative()) {
      throw new IllegalArgumentException("cooldown must not be negative, got " + cooldown);
    }
    if (minNewLabelledRows < 0) {
      throw new IllegalArgumentException("minNewLabelledRows must not be negative, got " + minNewLabelledRows);
    }
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link RetrainPolicyConfig}; single values may be set once; reusable after build. */
  public static final class Builder {
    private @Nullable String name;
    private final List<Trigger> triggers = new ArrayList<>();
    private @Nullable Integer minActive;
    private @Nullable Integer consecutiveWindows;
    private @Nullable Duration cooldown;
    private @Nullable Long minNewLabelledRows;
    private @Nullable Automation automation;

    private Builder() {}

    /**
     * Sets the policy's name. Required.
     *
     * @param name a name valid under {@link Names}
     * @return this builder
     */
    public Builder name(String name) {
      Names.requireValid("policy", name);
      this.name = once(this.name, name, "name");
      return this;
    }

    /**
     * Adds a trigger.
     *
     * @param trigger the trigger
     * @return this builder
     */
    public Builder trigger(Trigger trigger) {
      triggers.add(requireNonNull(trigger, "trigger"));
      return this;
    }

    /**
     * Fires when at least {@code k} triggers are active. Default 1 (any).
     *
     * @param k the minimum number of active triggers
     * @return this builder
     */
    public Builder atLeast(int k) {
      this.minActive = once(this.minActive, k, "atLeast");
      return this;
    }

    /**
     * Fires only when the triggers ask in {@code n} windows in a row. Default 1.
     *
     * @param n the number of windows
     * @return this builder
     */
    public Builder consecutiveWindows(int n) {
      this.consecutiveWindows = once(this.consecutiveWindows, n, "consecutiveWindows");
      return this;
    }

    /**
     * Sets the cooldown after a retrain. Default {@link RetrainPolicyConfig#DEFAULT_COOLDOWN}.
     *
     * @param cooldown the cooldown
     * @return this builder
     */
    public Builder cooldown(Duration cooldown) {
      this.cooldown = once(this.cooldown, requireNonNull(cooldown, "cooldown"), "cooldown");
      return this;
    }

    /**
     * Requires new labelled rows before a retrain. Default 0.
     *
     * @param rows the minimum
     * @return this builder
     */
    public Builder minNewLabelledRows(long rows) {
      this.minNewLabelledRows = once(this.minNewLabelledRows, rows, "minNewLabelledRows");
      return this;
    }

    /**
     * Sets the automation level of fired decisions. Default {@link Automation#APPROVAL}.
     *
     * @param automation the level
     * @return this builder
     */
    public Builder automation(Automation automation) {
      this.automation = once(this.automation, requireNonNull(automation, "automation"), "automation");
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     * @throws IllegalStateException if the name or every trigger is missing
     * @throws IllegalArgumentException if a cross-field rule is broken
     */
    public RetrainPolicyConfig build() {
      if (name == null) {
        throw new IllegalStateException("name(...) is required");
      }
      if (triggers.isEmpty()) {
        throw new IllegalStateException("add at least one trigger(...)");
      }
      return new RetrainPolicyConfig(name, triggers, minActive == null ? 1 : minActive,
          consecutiveWindows == null ? 1 : consecutiveWindows,
          cooldown == null ? DEFAULT_COOLDOWN : cooldown,
          minNewLabelledRows == null ? 0 : minNewLabelledRows,
          automation == null ? Automation.APPROVAL : automation);
    }

    private static <T> T once(@Nullable T current, T value, String field) {
      if (current != null) {
        throw new IllegalStateException(field + " was already set to " + current);
      }
      return value;
    }
  }
}
