package dev.mlops.core.internal;

/**
 * The bounds of the two filter grammars (run search, dataset views). Both parse by recursive
 * descent and evaluate a tree, so without a bound, 4,000 parentheses or 25,000 {@code not}s
 * exhaust the thread's stack; within them, parsing, printing and evaluating stay far below it.
 */
public final class FilterLimits {
  /** The deepest nesting of parentheses and {@code not} a filter may have. */
  public static final int MAX_NESTING = 100;

  /** The most comparisons one filter may hold. */
  public static final int MAX_COMPARISONS = 1_000;

  private FilterLimits() {}

  /**
   * Says what went wrong when a filter nests too deeply.
   *
   * @param limit the bound that was passed, usually {@link #MAX_NESTING}
   * @return the message's middle part, to follow "at position N: "
   */
  public static String tooDeep(int limit) {
    return "more than " + limit + " levels of parentheses and 'not' (the limit); write the filter"
        + " with fewer levels";
  }

  /**
   * Says what went wrong when a filter holds too many comparisons.
   *
   * @return the message's middle part, to follow "at position N: "
   */
  public static String tooMany() {
    return "more than " + String.format(java.util.Locale.ROOT, "%,d", MAX_COMPARISONS)
        + " comparisons (the limit); split the filter into several searches";
  }
}
