package dev.mlops.core.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.experiment.FilterSyntaxException;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunLineage;
import dev.mlops.api.experiment.RunStatus;
import dev.mlops.core.internal.FilterLimits;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A run filter's nesting and size are bounded")
class RunFilterLimitsTest {
  private static final RunInfo RUN = new RunInfo("r1", "exp", "name", RunStatus.FINISHED, Instant.EPOCH,
      Optional.empty(), Optional.empty(), Map.of("model", "lr"), Map.of(), List.of(), Map.of("accuracy", 0.95),
      new RunLineage(Optional.empty(), Map.of(), Map.of()), List.of(), Optional.empty());

  @Test
  @DisplayName("4,000 parentheses are a FilterSyntaxException naming the limit and the position, not a StackOverflowError")
  void deepParentheses() {
    String filter = "(".repeat(4_000) + "metrics.accuracy > 0.9" + ")".repeat(4_000);

    FilterSyntaxException e = assertThrows(FilterSyntaxException.class, () -> RunFilter.parse(filter));

    assertEquals(FilterLimits.MAX_NESTING, e.position());
    assertTrue(e.getMessage().contains("more than 100 levels"), e.getMessage());
    assertTrue(e.getMessage().length() < 400, "the message quotes a window, not the whole filter: " + e.getMessage());
  }

  @Test
  @DisplayName("25,000 'not' are refused the same way")
  void deepNot() {
    FilterSyntaxException e = assertThrows(FilterSyntaxException.class,
        () -> RunFilter.parse("not ".repeat(25_000) + "metrics.accuracy > 0.9"));

    assertTrue(e.getMessage().contains("levels of parentheses and 'not'"), e.getMessage());
  }

  @Test
  @DisplayName("the limits themselves parse and evaluate: 100 levels, 1,000 comparisons")
  void atTheLimits() {
    Predicate<RunInfo> deep = RunFilter.parse("not ".repeat(50) + "(".repeat(50) + "metrics.accuracy > 0.9"
        + ")".repeat(50));
    assertTrue(deep.test(RUN));
    String chain = String.join(" and ", java.util.Collections.nCopies(FilterLimits.MAX_COMPARISONS,
        "params.model = 'lr'"));
    assertTrue(RunFilter.parse(chain).test(RUN));
    String orChain = String.join(" or ", java.util.Collections.nCopies(FilterLimits.MAX_COMPARISONS - 1,
        "params.model = 'lr'"));
    assertFalse(RunFilter.parse("(" + orChain + ") and metrics.accuracy < 0.5").test(RUN));
  }

  @Test
  @DisplayName("at both limits at once a filter parses and evaluates on a thread with a 512 KiB stack")
  void atTheLimitsOnASmallStack() throws InterruptedException {
    String chain = String.join(" or ", java.util.Collections.nCopies(FilterLimits.MAX_COMPARISONS - 1,
        "params.model = 'x'")) + " or metrics.accuracy > 0.9";
    String text = "not ".repeat(50) + "(".repeat(FilterLimits.MAX_NESTING - 50) + chain
        + ")".repeat(FilterLimits.MAX_NESTING - 50);
    java.util.concurrent.atomic.AtomicReference<Object> outcome = new java.util.concurrent.atomic.AtomicReference<>();
    Thread thread = new Thread(null, () -> {
      try {
        outcome.set(RunFilter.parse(text).test(RUN));
      } catch (Throwable t) {
        outcome.set(t);
      }
    }, "small-stack", 512 * 1024);
    thread.start();
    thread.join();

    assertEquals(Boolean.TRUE, outcome.get(), "50 'not's keep the sense");
  }

  @Test
  @DisplayName("25,000 comparisons joined by 'or' are refused at the 1,001st")
  void longChain() {
    String chain = String.join(" or ", java.util.Collections.nCopies(25_000, "metrics.accuracy > 0.9"));

    FilterSyntaxException e = assertThrows(FilterSyntaxException.class, () -> RunFilter.parse(chain));

    assertTrue(e.getMessage().contains("more than 1,000 comparisons"), e.getMessage());
  }

  @Test
  @DisplayName("an unknown field of a million characters is quoted shortened")
  void longFieldIsTruncated() {
    FilterSyntaxException e = assertThrows(FilterSyntaxException.class,
        () -> RunFilter.parse("x".repeat(1_000_000) + " = 1"));

    assertTrue(e.getMessage().contains("(1000000 characters)") && e.getMessage().length() < 600, e.getMessage());
  }
}
