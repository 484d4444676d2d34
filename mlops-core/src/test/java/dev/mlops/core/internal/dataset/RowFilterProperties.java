package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlops.api.experiment.FilterSyntaxException;
import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The filter language: canonical text parses back to the same filter; errors name the position. */
class RowFilterProperties {
  @Property(tries = 300)
  void canonicalTextParsesBackToTheSameFilter(@ForAll("filters") RowFilter filter) {
    RowFilter parsed = RowFilter.parse(filter.text());
    assertEquals(filter.text(), parsed.text());
    assertEquals(filter.columns(), parsed.columns());
  }

  @Example
  void keywordsAreCaseInsensitiveAndSpacingIsFree() {
    // "and" binds tighter than "or".
    assertEquals("(a >= 1.5 or (\"not\" = 'it''s' and not b is not null))",
        RowFilter.parse("a>=1.5 OR \"not\"='it''s' AnD NOT b IS NOT NULL").text());
  }

  @Example
  void errorsNameThePosition() {
    FilterSyntaxException e = assertThrows(FilterSyntaxException.class, () -> RowFilter.parse("a = = 3"));
    // The same three-line shape as a run filter's error: the caret sits under the second '='.
    assertEquals("Invalid filter at position 4: expected a number, a 'quoted text', true or false"
        + " but found '= 3'\n  a = = 3\n      ^", e.getMessage());
    assertThrows(FilterSyntaxException.class, () -> RowFilter.parse("(a = 1"));
    assertThrows(FilterSyntaxException.class, () -> RowFilter.parse("a = 'open"));
  }

  @Provide
  Arbitrary<RowFilter> filters() {
    return Arbitraries.recursive(this::leaf, inner -> Arbitraries.oneOf(
        net.jqwik.api.Combinators.combine(inner, inner).as(RowFilter.And::new),
        net.jqwik.api.Combinators.combine(inner, inner).as(RowFilter.Or::new),
        inner.map(RowFilter.Not::new)), 0, 4);
  }

  private Arbitrary<RowFilter> leaf() {
    Arbitrary<String> columns = Arbitraries.oneOf(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6),
        Arbitraries.strings().withChars("ab \"'-_.").ofMinLength(1).ofMaxLength(5));
    Arbitrary<Object> literals = Arbitraries.oneOf(
        Arbitraries.bigDecimals().between(new BigDecimal("-1e6"), new BigDecimal("1e6")).ofScale(3).map(d -> (Object) d),
        Arbitraries.strings().ofMaxLength(6).map(s -> (Object) s),
        Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(b -> (Object) b));
    Arbitrary<RowFilter> compare = net.jqwik.api.Combinators.combine(columns,
        Arbitraries.of("=", "!=", "<", "<=", ">", ">="), literals).as(RowFilter.Compare::new);
    Arbitrary<RowFilter> isNull = net.jqwik.api.Combinators.combine(columns, Arbitraries.of(true, false))
        .as(RowFilter.IsNull::new);
    return Arbitraries.oneOf(compare, isNull);
  }
}
