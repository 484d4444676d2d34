package dev.mlops.core.internal.dataset;

import dev.mlops.api.experiment.FilterSyntaxException;
import dev.mlops.core.internal.FilterErrors;
import dev.mlops.core.internal.FilterLimits;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A view's row filter as data: parsed from text, printed back in one canonical form (so equal
 * filters give equal manifests), checked against a schema by {@link BoundFilter}. Grammar:
 *
 * <pre>
 * or      := and ("or" and)*
 * and     := not ("and" not)*
 * not     := "not" not | primary
 * primary := "(" or ")" | column ("=" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=") literal
 *          | column "is" ["not"] "null"
 * column  := name | "double-quoted name"
 * literal := number | 'single-quoted text' ('' inside is a quote) | true | false
 * </pre>
 *
 * <p>At most {@link FilterLimits#MAX_NESTING} levels of parentheses and {@code not}, and at most
 * {@link FilterLimits#MAX_COMPARISONS} comparisons: the tree is printed, checked and evaluated
 * recursively, and beyond these bounds that would exhaust the stack.
 */
sealed interface RowFilter {
  /** The canonical text. */
  String text();

  /** A comparison of a column with a literal (a BigDecimal, a String or a Boolean). */
  record Compare(String column, String op, Object literal) implements RowFilter {
    @Override
    public String text() {
      String value = literal instanceof String s ? "'" + s.replace("'", "''") + "'"
          : literal instanceof BigDecimal d ? d.toPlainString() : literal.toString();
      return quote(column) + " " + op + " " + value;
    }
  }

  /** {@code column is [not] null}. */
  record IsNull(String column, boolean negated) implements RowFilter {
    @Override
    public String text() {
      return quote(column) + (negated ? " is not null" : " is null");
    }
  }

  /** Both sides, Kleene logic. */
  record And(RowFilter left, RowFilter right) implements RowFilter {
    @Override
    public String text() {
      return chain(this, "and");
    }
  }

  /** Either side, Kleene logic. */
  record Or(RowFilter left, RowFilter right) implements RowFilter {
    @Override
    public String text() {
      return chain(this, "or");
    }
  }

  /** The negation; unknown stays unknown. */
  record Not(RowFilter inner) implements RowFilter {
    @Override
    public String text() {
      return "not " + inner.text();
    }
  }

  /** Every column the filter reads. */
  default List<String> columns() {
    List<String> out = new ArrayList<>();
    collect(this, out);
    return out.stream().distinct().toList();
  }

  private static void collect(RowFilter f, List<String> out) {
    if (f instanceof Compare c) {
      out.add(c.column());
    } else if (f instanceof IsNull n) {
      out.add(n.column());
    } else if (f instanceof And a) {
      collect(a.left(), out);
      collect(a.right(), out);
    } else if (f instanceof Or o) {
      collect(o.left(), out);
      collect(o.right(), out);
    } else {
      collect(((Not) f).inner(), out);
    }
  }

  /**
   * Prints a left-leaning chain of one operator flat, {@code (a and b and c)}, which parses back to
   * the same tree: its parentheses then nest as deep as the filter as written, not as long as the
   * chain, so the canonical text re-parses within {@link #parseStored}'s bound.
   */
  private static String chain(RowFilter node, String op) {
    java.util.ArrayDeque<RowFilter> rights = new java.util.ArrayDeque<>();
    RowFilter left = node;
    while (left.getClass() == node.getClass()) {
      rights.push(left instanceof And a ? a.right() : ((Or) left).right());
      left = left instanceof And a ? a.left() : ((Or) left).left();
    }
    StringBuilder text = new StringBuilder("(").append(left.text());
    while (!rights.isEmpty()) {
      text.append(' ').append(op).append(' ').append(rights.pop().text());
    }
    return text.append(')').toString();
  }

  private static String quote(String column) {
    return column.matches("[A-Za-z_][A-Za-z0-9_.-]*") && !Parser.KEYWORDS.contains(column.toLowerCase(Locale.ROOT))
        ? column : "\"" + column.replace("\"", "\"\"") + "\"";
  }

  /**
   * Parses a filter.
   *
   * @param text the expression
   * @return the filter
   * @throws FilterSyntaxException naming the position and what was expected, with a caret under it
   */
  static RowFilter parse(String text) {
    return new Parser(text, FilterLimits.MAX_NESTING).parseAll();
  }

  /**
   * Parses a filter's canonical text from a manifest. The canonical form puts each chain of
   * {@code and} or {@code or} in parentheses, so it may nest about twice as deep as the filter as
   * written; versions written before chains printed flat nest one level per comparison. The bound
   * here admits both.
   *
   * @param text the canonical text
   * @return the filter
   * @throws FilterSyntaxException if the text does not parse
   */
  static RowFilter parseStored(String text) {
    return new Parser(text, FilterLimits.MAX_NESTING + FilterLimits.MAX_COMPARISONS).parseAll();
  }

  /** A recursive-descent parser over the grammar above. */
  final class Parser {
    static final java.util.Set<String> KEYWORDS = java.util.Set.of("and", "or", "not", "is", "null", "true", "false");

    private final String text;
    private final int maxNesting;
    private int at;
    private int depth;
    private int comparisons;

    private Parser(String text, int maxNesting) {
      this.text = text;
      this.maxNesting = maxNesting;
    }

    RowFilter parseAll() {
      RowFilter f = or();
      skipSpace();
      if (at < text.length()) {
        throw error("'and', 'or' or the end");
      }
      return f;
    }

    private RowFilter or() {
      RowFilter left = and();
      while (keyword("or")) {
        left = new Or(left, and());
      }
      return left;
    }

    private RowFilter and() {
      RowFilter left = not();
      while (keyword("and")) {
        left = new And(left, not());
      }
      return left;
    }

    private RowFilter not() {
      if (keyword("not")) {
        enter();
        RowFilter negated = new Not(not());
        depth--;
        return negated;
      }
      skipSpace();
      if (peek('(')) {
        enter();
        at++;
        RowFilter inner = or();
        skipSpace();
        if (!peek(')')) {
          throw error("')'");
        }
        at++;
        depth--;
        return inner;
      }
      if (++comparisons > FilterLimits.MAX_COMPARISONS) {
        throw limit(FilterLimits.tooMany());
      }
      String column = column();
      if (keyword("is")) {
        boolean negated = keyword("not");
        if (!keyword("null")) {
          throw error("'null'");
        }
        return new IsNull(column, negated);
      }
      return new Compare(column, operator(), literal());
    }

    private void enter() {
      if (++depth > maxNesting) {
        throw limit(FilterLimits.tooDeep(maxNesting));
      }
    }

    private String column() {
      skipSpace();
      if (peek('"')) {
        return quoted('"');
      }
      int start = at;
      while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || "_.-".indexOf(text.charAt(at)) >= 0)) {
        at++;
      }
      if (start == at || !Character.isLetter(text.charAt(start)) && text.charAt(start) != '_') {
        at = start;
        throw error("a column name");
      }
      return text.substring(start, at);
    }

    private String operator() {
      skipSpace();
      for (String op : List.of("<=", ">=", "!=", "=", "<", ">")) {
        if (text.startsWith(op, at)) {
          at += op.length();
          return op;
        }
      }
      throw error("one of = != < <= > >= or 'is'");
    }

    private Object literal() {
      skipSpace();
      if (peek('\'')) {
        return quoted('\'');
      }
      if (keyword("true")) {
        return Boolean.TRUE;
      }
      if (keyword("false")) {
        return Boolean.FALSE;
      }
      int start = at;
      while (at < text.length() && "+-.0123456789eE".indexOf(text.charAt(at)) >= 0) {
        at++;
      }
      try {
        return new BigDecimal(text.substring(start, at));
      } catch (NumberFormatException e) {
        at = start;
        throw error("a number, a 'quoted text', true or false");
      }
    }

    private String quoted(char quote) {
      StringBuilder out = new StringBuilder();
      at++;
      while (at < text.length()) {
        char c = text.charAt(at++);
        if (c == quote) {
          if (peek(quote)) {
            out.append(quote);
            at++;
            continue;
          }
          return out.toString();
        }
        out.append(c);
      }
      throw error("the closing " + quote);
    }

    private boolean keyword(String word) {
      skipSpace();
      int end = at + word.length();
      if (text.regionMatches(true, at, word, 0, word.length())
          && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)) && text.charAt(end) != '_')) {
        at = end;
        return true;
      }
      return false;
    }

    private boolean peek(char c) {
      return at < text.length() && text.charAt(at) == c;
    }

    private void skipSpace() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    private FilterSyntaxException error(String expected) {
      String found = at < text.length() ? "'" + text.substring(at, Math.min(text.length(), at + 12)) + "'" : "the end";
      return new FilterSyntaxException(FilterErrors.at(text, at, "expected " + expected + " but found " + found), at);
    }

    private FilterSyntaxException limit(String what) {
      return new FilterSyntaxException(FilterErrors.at(text, at, what), at);
    }
  }
}
