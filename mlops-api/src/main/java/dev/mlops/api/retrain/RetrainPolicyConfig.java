package dev.mlops.api.retrain;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A retraining policy's triggers and controls. A window <em>asks</em> for a retrain when at least
 * {@code minActive} triggers are active; the policy <em>fires</em> when it has asked in
 * {@code consecutiveWindows} windows in a row, has not fired yet in this episode (hysteresis: an
 * episode ends when fewer than {@code minActive} triggers stay active past their exit
 * thresholds), is out of its cooldown, has budget left and has enough new labelled rows.
 *
 * @param name the policy's name
 * @param triggers the triggers
 * @param minActive how many triggers must be active to ask (1 = any, the trigger count = all)
 * @param consecutiveWindows how many windows in a row the triggers must ask before firing
 * @param cooldown how long after a fired decision nothing fires
 * @param budget the most fired decisions per period, or empty for no limit
 * @param minNewLabelledRows how many new labelled rows a retrain needs
 * @param automationRule chooses the automation level of a fired decision
 * @param approvalTimeout how long an approval request stays pending before it expires
 */
public record RetrainPolicyConfig(
    String name,
    List<Trigger> triggers,
    int minActive,
    int consecutiveWindows,
    Duration cooldown,
    Optional<RetrainBudget> budget,
    long minNewLabelledRows,
    AutomationRule automationRule,
    Duration approvalTimeout) {
  /** The default cooldown after a retrain: 1 day. */
  public static final Duration DEFAULT_COOLDOWN = Duration.ofDays(1);

  /** The default time an approval request stays pending: 7 days. */
  public static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofDays(7);

  /**
   * Creates the value; {@code triggers} is copied.
   *
   * @param name the name
   * @param triggers at least one trigger
   * @param minActive between 1 and the trigger count
   * @param consecutiveWindows at least 1
   * @param cooldown not negative
   * @param budget the budget, or empty
   * @param minNewLabelledRows not negative
   * @param automationRule the automation rule
   * @param approvalTimeout positive
   */
  public RetrainPolicyConfig {
    Names.requireValid("policy", name);
    triggers = List.copyOf(triggers);
    requireNonNull(cooldown, "cooldown");
    requireNonNull(budget, "budget");
    requireNonNull(automationRule, "automationRule");
    requireNonNull(approvalTimeout, "approvalTimeout");
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
    if (approvalTimeout.isNegative() || approvalTimeout.isZero()) {
      throw new IllegalArgumentException("approvalTimeout must be positive, got " + approvalTimeout);
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
    private static final int ALL = -1;

    private @Nullable String name;
    private final List<Trigger> triggers = new ArrayList<>();
    private @Nullable Integer minActive;
    private @Nullable Integer consecutiveWindows;
    private @Nullable Duration cooldown;
    private @Nullable RetrainBudget budget;
    private @Nullable Long minNewLabelledRows;
    private @Nullable AutomationRule automationRule;
    private @Nullable Duration approvalTimeout;

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
     * Adds a trigger. At least one is required.
     *
     * @param trigger the trigger
     * @return this builder
     */
    public Builder trigger(Trigger trigger) {
      triggers.add(requireNonNull(trigger, "trigger"));
      return this;
    }

    /**
     * Asks when at least {@code k} triggers are active. Default 1 (any). Exclusive with
     * {@link #all()}.
     *
     * @param k the minimum number of active triggers
     * @return this builder
     */
    public Builder atLeast(int k) {
      if (k < 1) {
        throw new IllegalArgumentException("atLeast must be at least 1, got " + k);
      }
      this.minActive = once(this.minActive, k, "atLeast/all");
      return this;
    }

    /**
     * Asks only when every trigger is active. Exclusive with {@link #atLeast(int)}.
     *
     * @return this builder
     */
    public Builder all() {
      this.minActive = once(this.minActive, ALL, "atLeast/all");
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
     * Sets the cooldown after a fired decision. Default {@link RetrainPolicyConfig#DEFAULT_COOLDOWN}.
     *
     * @param cooldown the cooldown
     * @return this builder
     */
    public Builder cooldown(Duration cooldown) {
      this.cooldown = once(this.cooldown, requireNonNull(cooldown, "cooldown"), "cooldown");
      return this;
    }

    /**
     * Allows at most {@code maxRetrains} fired decisions in any {@code period}. Default: no limit.
     *
     * @param maxRetrains at least 1
     * @param period positive
     * @return this builder
     */
    public Builder budget(int maxRetrains, Duration period) {
      this.budget = once(this.budget, new RetrainBudget(maxRetrains, period), "budget");
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
     * Gives every fired decision the same automation level; shorthand for
     * {@code automationRule(AutomationRule.always(level))}.
     *
     * @param level the level
     * @return this builder
     */
    public Builder automation(Automation level) {
      return automationRule(AutomationRule.always(requireNonNull(level, "level")));
    }

    /**
     * Sets the rule choosing each fired decision's automation level. Default
     * {@link AutomationRule#ofDefaults()}: {@code drift.share} at or below 0.3 runs automatically,
     * above it (or missing) asks for approval.
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder automationRule(AutomationRule rule) {
      this.automationRule = once(this.automationRule, requireNonNull(rule, "rule"), "automation");
      return this;
    }

    /**
     * Sets how long approval requests stay pending. Default
     * {@link RetrainPolicyConfig#DEFAULT_APPROVAL_TIMEOUT}.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder approvalTimeout(Duration timeout) {
      this.approvalTimeout = once(this.approvalTimeout, requireNonNull(timeout, "timeout"),
          "approvalTimeout");
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
      int k = minActive == null ? 1 : minActive == ALL ? triggers.size() : minActive;
      return new RetrainPolicyConfig(name, triggers, k,
          consecutiveWindows == null ? 1 : consecutiveWindows,
          cooldown == null ? DEFAULT_COOLDOWN : cooldown,
          Optional.ofNullable(budget),
          minNewLabelledRows == null ? 0 : minNewLabelledRows,
          automationRule == null ? AutomationRule.ofDefaults() : automationRule,
          approvalTimeout == null ? DEFAULT_APPROVAL_TIMEOUT : approvalTimeout);
    }

    private static <T> T once(@Nullable T current, T value, String field) {
      if (current != null) {
        throw new IllegalStateException(field + " was already set to " + current);
      }
      return value;
    }
  }
}
