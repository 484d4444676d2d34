package dev.mlops.core.internal.experiment;

import dev.mlops.api.experiment.FilterSyntaxException;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.core.input.Excerpt;
import dev.mlops.core.internal.FilterErrors;
import dev.mlops.core.internal.FilterLimits;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Parses a filter expression into a predicate over runs (recursive descent):
 *
 * <pre>
 * or      := and ("or" and)*
 * and     := unary ("and" unary)*
 * unary   := "not" unary | "(" or ")" | field op literal
 * field   := metrics.KEY | params.KEY | tags.KEY | status | name | experiment | id
 *            (a KEY with spaces is quoted in backticks: metrics.`train loss`; / needs no quotes)
 * op      := = | == | != | &lt;&gt; | &lt; | &lt;= | &gt; | &gt;=
 * literal := number | 'text' | "text"   (a quote inside is doubled)
 * </pre>
 *
 * <p>At most {@link FilterLimits#MAX_NESTING} levels of parentheses and {@code not}, and at most
 * {@link FilterLimits#MAX_COMPARISONS} comparisons: beyond, parsing or evaluating would exhaust
 * the stack, so the filter is refused with a {@link FilterSyntaxException} at the position.
 */
final class RunFilter {

  private final String text;
  private int pos;
  private int depth;
  private int comparisons;

  private RunFilter(String text) {
    this.text = text;
  }

  static Predicate<RunInfo> parse(String expression) {
    RunFilter parser = new RunFilter(expression);
    parser.skipSpace();
    if (parser.pos == expression.length()) {
      throw parser.error("the filter is empty; write for example metrics.accuracy > 0.9");
    }
    Predicate<RunInfo> result = parser.or();
    parser.skipSpace();
    if (parser.pos < expression.length()) {
      throw parser.error("expected 'and', 'or' or the end of the filter");
    }
    return result;
  }

  private Predicate<RunInfo> or() {
    Predicate<RunInfo> left = and();
    while (keyword("or")) {
      left = left.or(and());
    }
    return left;
  }

  private Predicate<RunInfo> and() {
    Predicate<RunInfo> left = unary();
    while (keyword("and")) {
      left = left.and(unary());
    }
    return left;
  }

  private Predicate<RunInfo> unary() {
    if (keyword("not")) {
      enter();
      Predicate<RunInfo> negated = unary().negate();
      depth--;
      return negated;
    }
    skipSpace();
    if (peek() == '(') {
      enter();
      pos++;
      Predicate<RunInfo> inner = or();
      depth--;
      skipSpace();
      if (peek() != ')') {
        throw error("expected ')'");
      }
      pos++;
      return inner;
    }
    return comparison();
  }

  private void enter() {
    if (++depth > FilterLimits.MAX_NESTING) {
      throw error(FilterLimits.tooDeep(FilterLimits.MAX_NESTING));
    }
  }

  private Predicate<RunInfo> comparison() {
    skipSpace();
    if (++comparisons > FilterLimits.MAX_COMPARISONS) {
      throw error(FilterLimits.tooMany());
    }
    int fieldAt = pos;
    String field = word();
    if (field.endsWith(".") && peek() == '`') {
      field += quoted();
    }
    if (field.isEmpty()) {
      throw error("expected a field such as metrics.accuracy, params.model or tags.team");
    }
    FieldRef ref = FieldRef.parse(field);
    if (ref == null) {
      pos = fieldAt;
      throw error("unknown field '" + Excerpt.of(field) + "': use metrics.<key>, params.<key>, tags.<key>,"
          + " status, name, experiment or id");
    }
    skipSpace();
    String opText = operator();
    Op op = Op.of(opText);
    skipSpace();
    int literalAt = pos;
    if (peek() == '\'' || peek() == '"') {
      String value = quoted();
      if (ref.area() == FieldRef.Area.METRICS) {
        pos = literalAt;
        throw error("metrics compare with numbers, not text");
      }
      return run -> {
        String actual = ref.text(run).orElse(null);
        return actual != null && op.holds(actual.compareTo(value));
      };
    }
    String number = word();
    double value;
    try {
      value = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      pos = literalAt;
      throw error("expected a number or a quoted 'text' after '" + opText + "'");
    }
    return run -> {
      Double actual = ref.number(run);
      return actual != null && op.holds(actual, value);
    };
  }

  /** An operator, resolved once at parse time rather than matched as text for every run. */
  private enum Op {
    EQ, NE, LT, LE, GT, GE;

    static Op of(String op) {
      switch (op) {
        case "=": return EQ;
        case "!=": return NE;
        case "<": return LT;
        case "<=": return LE;
        case ">": return GT;
        default: return GE;
      }
    }

    boolean holds(int cmp) {
      switch (this) {
        case EQ: return cmp == 0;
        case NE: return cmp != 0;
        case LT: return cmp < 0;
        case LE: return cmp <= 0;
        case GT: return cmp > 0;
        default: return cmp >= 0;
      }
    }

    boolean holds(double a, double b) {
      switch (this) {
        case EQ: return a == b;
        case NE: return a != b;
        case LT: return a < b;
        case LE: return a <= b;
        case GT: return a > b;
        default: return a >= b;
      }
    }
  }

  private String operator() {
    String[] ops = {"==", "!=", "<>", "<=", ">=", "=", "<", ">"};
    for (String op : ops) {
      if (text.startsWith(op, pos)) {
        pos += op.length();
        return op.equals("==") ? "=" : op.equals("<>") ? "!=" : op;
      }
    }
    throw error("expected an operator (= != < <= > >=)");
  }

  private String quoted() {
    char quote = text.charAt(pos);
    int start = pos++;
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == quote) {
        if (peek() == quote) {
          out.append(quote);
          pos++;
        } else {
          return out.toString();
        }
      } else {
        out.append(c);
      }
    }
    pos = start;
    throw error("this text is not closed by " + quote);
  }

  private String word() {
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '+' || c == '/') {
        pos++;
      } else {
        break;
      }
    }
    return text.substring(start, pos);
  }

  private boolean keyword(String word) {
    skipSpace();
    int end = pos + word.length();
    if (end <= text.length() && text.substring(pos, end).toLowerCase(Locale.ROOT).equals(word)
        && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
      pos = end;
      return true;
    }
    return false;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private FilterSyntaxException error(String what) {
    return new FilterSyntaxException(FilterErrors.at(text, pos, what), pos);
  }
}
