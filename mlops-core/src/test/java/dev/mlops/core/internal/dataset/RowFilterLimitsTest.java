package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.experiment.FilterSyntaxException;
import dev.mlops.core.internal.FilterLimits;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A view's row filter: nesting and size are bounded")
class RowFilterLimitsTest {
  @Test
  @DisplayName("2,000 parentheses and 25,000 'not' are FilterSyntaxExceptions naming the limit, not StackOverflowErrors")
  void tooDeep() {
    FilterSyntaxException parens = assertThrows(FilterSyntaxException.class,
        () -> RowFilter.parse("(".repeat(2_000) + "a = 1" + ")".repeat(2_000)));
    FilterSyntaxException nots = assertThrows(FilterSyntaxException.class,
        () -> RowFilter.parse("not ".repeat(25_000) + "a = 1"));

    assertTrue(parens.getMessage().contains("position 100") && parens.getMessage().contains("100 levels"),
        parens.getMessage());
    assertTrue(nots.getMessage().contains("100 levels"), nots.getMessage());
    assertTrue(nots.getMessage().length() < 400, "the filter is quoted shortened: " + nots.getMessage());
  }

  @Test
  @DisplayName("a chain prints flat and parses back to the same tree")
  void chainsPrintFlat() {
    RowFilter chain = RowFilter.parse("a = 1 and b = 2 and (c = 3 or d = 4 or e = 5) and not f is null");

    assertEquals("(a = 1 and b = 2 and (c = 3 or d = 4 or e = 5) and not f is null)", chain.text());
    assertEquals(chain, RowFilter.parseStored(chain.text()));
  }

  @Test
  @DisplayName("one comparison more than the limit is refused")
  void tooMany() {
    String chain = String.join(" and ", Collections.nCopies(FilterLimits.MAX_COMPARISONS + 1, "a = 1"));

    FilterSyntaxException e = assertThrows(FilterSyntaxException.class, () -> RowFilter.parse(chain));

    assertTrue(e.getMessage().contains("more than 1,000 comparisons"), e.getMessage());
  }

  @Test
  @DisplayName("at both limits at once a filter parses, prints, re-parses from its canonical text, binds and"
      + " evaluates, on a thread with a 512 KiB stack")
  void atTheLimitsOnASmallStack() throws InterruptedException {
    String chain = String.join(" or ", Collections.nCopies(FilterLimits.MAX_COMPARISONS - 1, "a = 1"))
        + " and b is null";
    String text = "not ".repeat(50) + "(".repeat(FilterLimits.MAX_NESTING - 50) + chain
        + ")".repeat(FilterLimits.MAX_NESTING - 50);
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread thread = new Thread(null, () -> {
      try {
        RowFilter parsed = RowFilter.parse(text);
        RowFilter stored = RowFilter.parseStored(parsed.text());
        outcome.set(List.of(stored.text().equals(parsed.text()), select(stored)));
      } catch (Throwable t) {
        outcome.set(t);
      }
    }, "small-stack", 512 * 1024);
    thread.start();
    thread.join();

    assertTrue(outcome.get() instanceof List<?>, String.valueOf(outcome.get()));
    List<?> result = (List<?>) outcome.get();
    assertEquals(true, result.get(0), "the canonical text re-parses to itself");
    assertArrayEquals(new int[] {1}, (int[]) result.get(1), "50 'not's keep the filter's sense: a = 1 or ...");
  }

  private static int[] select(RowFilter filter) {
    Schema schema = new Schema(List.of(Field.nullable("a", new ArrowType.Int(32, true)),
        Field.nullable("b", new ArrowType.Int(32, true))));
    try (RootAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      IntVector a = (IntVector) root.getVector("a");
      IntVector b = (IntVector) root.getVector("b");
      a.allocateNew(2);
      b.allocateNew(2);
      a.set(0, 2);
      b.set(0, 5);
      a.set(1, 1);
      b.setNull(1);
      root.setRowCount(2);
      return BoundFilter.bind(filter, schema, "t").select(root);
    }
  }
}
