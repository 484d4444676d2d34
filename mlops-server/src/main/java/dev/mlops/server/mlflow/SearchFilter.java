package dev.mlops.server.mlflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * MLflow's search filter: comparisons joined by {@code AND}, each
 * {@code <entity>.<key> <comparator> <value>} with entity {@code metrics}, {@code params},
 * {@code tags} or {@code attributes} (MLflow's singular and short forms too; a bare key is an
 * attribute), a key quoted with backticks or double quotes when it has spaces, comparators
 * {@code = != < <= > >=}, {@code LIKE}, {@code ILIKE} ({@code %} and {@code _} wildcards),
 * {@code IN} and {@code NOT IN} a parenthesised list, {@code IS NULL} and {@code IS NOT NULL}.
 * Metrics and time attributes compare with numbers, the rest with quoted strings. Our own run
 * filter has no {@code LIKE} or {@code IN}, hence this small parser of MLflow's grammar.
 */
final class SearchFilter {
  /** Where the compared value comes from; values are {@link Double}, {@link String} or null. */
  interface Fields {
    @Nullable Object value(String entity, String key);
  }

  record Clause(String entity, String key, String comparator, List<Object> values) {}

  /** An {@code order_by} entry. */
  record Order(String entity, String key, boolean ascending) {}

  private static final SearchFilter ALL = new SearchFilter(List.of());

  private final List<Clause> clauses;

  private SearchFilter(List<Clause> clauses) {
    this.clauses = clauses;
  }

  List<Clause> clauses() {
    return clauses;
  }

  /**
   * The part of this filter our run search can evaluate itself, in its grammar, so it builds run
   * values only for the runs that pass (with 10,000 runs that is most of a search's time): numeric
   * comparisons of metrics, equality of params and tags (ours also matches '6' with '6.0', so the
   * whole filter is applied again afterwards) and of the status. Null when nothing translates.
   */
  @Nullable String pushdown() {
    StringBuilder expression = new StringBuilder();
    for (Clause clause : clauses) {
      String term = pushdown(clause);
      if (term != null) {
        expression.append(expression.length() == 0 ? "" : " and ").append(term);
      }
    }
    return expression.length() == 0 ? null : expression.toString();
  }

  private static @Nullable String pushdown(Clause clause) {
    if (clause.values.size() != 1 || !dev.mlops.api.Names.isValidKey(clause.key)) {
      return null;
    }
    // in backticks, so keys with '/', spaces or letters of any script read as one key in our grammar
    String field = clause.entity + ".`" + clause.key + "`";
    Object value = clause.values.get(0);
    String comparator = clause.comparator;
    switch (clause.entity) {
      case "metrics":
        if (value instanceof Double number && Double.isFinite(number)
            && Set.of("=", "!=", "<", "<=", ">", ">=").contains(comparator)) {
          return field + " " + comparator + " "
              + java.math.BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
        }
        return null;
      case "params", "tags":
        return comparator.equals("=") ? field + " = " + quoted((String) value) : null;
      case "attributes":
        return comparator.equals("=") && clause.key.equals("status") ? "status = " + quoted((String) value) : null;
      default:
        return null;
    }
  }

  private static String quoted(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  boolean matches(Fields fields) {
    for (Clause clause : clauses) {
      if (!matches(clause, fields.value(clause.entity, clause.key))) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(Clause clause, @Nullable Object actual) {
    switch (clause.comparator) {
      case "IS NULL":
        return actual == null;
      case "IS NOT NULL":
        return actual != null;
      default:
        break;
    }
    if (actual == null) {
      return false;
    }
    Object expected = clause.values.isEmpty() ? null : clause.values.get(0);
    switch (clause.comparator) {
      case "IN":
        return clause.values.contains(actual.toString());
      case "NOT IN":
        return !clause.values.contains(actual.toString());
      case "LIKE":
        return like((String) expected, false).matcher(actual.toString()).matches();
      case "ILIKE":
        return like((String) expected, true).matcher(actual.toString()).matches();
      default:
        break;
    }
    int order;
    if (actual instanceof Double number && expected instanceof Double wanted) {
      if (number.isNaN() || wanted.isNaN()) {
        return clause.comparator.equals("!=") != (number.isNaN() && wanted.isNaN());
      }
      order = Double.compare(number, wanted);
    } else {
      order = actual.toString().compareTo(String.valueOf(expected));
    }
    return switch (clause.comparator) {
      case "=" -> order == 0;
      case "!=" -> order != 0;
      case "<" -> order < 0;
      case "<=" -> order <= 0;
      case ">" -> order > 0;
      case ">=" -> order >= 0;
      default -> throw new IllegalStateException(clause.comparator);
    };
  }

  private static Pattern like(String pattern, boolean ignoreCase) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '%' -> regex.append(".*");
        case '_' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL
        : Pattern.DOTALL);
  }

  /**
   * Parses a filter.
   *
   * @param filter the text, or null or blank for everything
   * @param numericAttributes attributes compared as numbers (times)
   * @param attributes the attribute keys allowed
   * @return the filter
   * @throws ApiError INVALID_PARAMETER_VALUE naming what is wrong
   */
  static SearchFilter parse(@Nullable String filter, Set<String> numericAttributes, Set<String> attributes) {
    if (filter == null || filter.isBlank()) {
      return ALL;
    }
    Tokens tokens = new Tokens(filter);
    List<Clause> clauses = new ArrayList<>();
    do {
      String[] identifier = identifier(tokens, filter);
      String entity = identifier[0];
      String key = identifier[1];
      if (entity.equals("attributes") && !attributes.contains(key)) {
        throw ApiError.invalid("Invalid attribute key '" + key + "' specified. Valid keys are '" + attributes + "'");
      }
      boolean numeric = entity.equals("metrics") || entity.equals("attributes") && numericAttributes.contains(key);
      String comparator = comparator(tokens, filter);
      List<Object> values = new ArrayList<>();
      if (comparator.equals("IN") || comparator.equals("NOT IN")) {
        tokens.expect("(", filter);
        do {
          values.add(stringValue(tokens.next(filter), entity, key, filter));
        } while (tokens.accept(","));
        tokens.expect(")", filter);
      } else if (!comparator.startsWith("IS ")) {
        String value = tokens.next(filter);
        if (comparator.equals("LIKE") || comparator.equals("ILIKE")) {
          if (numeric) {
            throw ApiError.invalid("Invalid comparator '" + comparator + "' for " + entity + " '" + key
                + "': LIKE and ILIKE compare strings; use = != < <= > >=");
          }
          values.add(stringValue(value, entity, key, filter));
        } else if (numeric) {
          values.add(numberValue(value, entity, key));
        } else {
          values.add(stringValue(value, entity, key, filter));
        }
      }
      clauses.add(new Clause(entity, key, comparator, List.copyOf(values)));
    } while (tokens.acceptWord("AND"));
    if (tokens.hasNext()) {
      throw ApiError.invalid("Invalid filter '" + filter + "': unexpected '" + tokens.peek()
          + "'; join comparisons with AND (OR is not supported by MLflow's search)");
    }
    return new SearchFilter(List.copyOf(clauses));
  }

  /**
   * Parses one {@code order_by} entry such as {@code metrics.rmse DESC}.
   *
   * @param text the entry
   * @param attributes the attribute keys allowed
   * @return the order
   */
  static Order order(String text, Set<String> attributes) {
    Tokens tokens = new Tokens(text);
    String[] identifier = identifier(tokens, text);
    boolean ascending = true;
    if (tokens.acceptWord("DESC")) {
      ascending = false;
    } else {
      tokens.acceptWord("ASC");
    }
    if (tokens.hasNext() || identifier[0].equals("attributes") && !attributes.contains(identifier[1])) {
      throw ApiError.invalid("Invalid order_by clause '" + text + "'. Use <entity>.<key> [ASC|DESC], entity one of"
          + " metrics, params, tags, attributes (" + attributes + ")");
    }
    return new Order(identifier[0], identifier[1], ascending);
  }

  private static String[] identifier(Tokens tokens, String filter) {
    String token = tokens.next(filter);
    if (isQuoted(token)) {
      return new String[] {"attributes", unquote(token)};
    }
    int dot = token.indexOf('.');
    String entity = dot < 0 ? "attributes" : entity(token.substring(0, dot));
    String key = dot < 0 ? token : token.substring(dot + 1);
    if (entity == null) {
      entity = "attributes";
      key = token;
    }
    if (key.isEmpty() && tokens.hasNext() && isQuoted(tokens.peek())) {
      key = unquote(tokens.next(filter));
    }
    if (key.isEmpty()) {
      throw ApiError.invalid("Invalid filter '" + filter + "': a key is missing after '" + token + "'");
    }
    return new String[] {entity, key};
  }

  private static @Nullable String entity(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "metrics", "metric" -> "metrics";
      case "params", "param", "parameters", "parameter" -> "params";
      case "tags", "tag" -> "tags";
      case "attributes", "attribute", "attr", "run" -> "attributes";
      case "datasets", "dataset" -> throw ApiError.invalid("Searching by datasets is not supported by this server");
      default -> null;
    };
  }

  private static String comparator(Tokens tokens, String filter) {
    String token = tokens.next(filter);
    String upper = token.toUpperCase(Locale.ROOT);
    switch (upper) {
      case "=", "==":
        return "=";
      case "!=", "<>":
        return "!=";
      case "<", "<=", ">", ">=", "LIKE", "ILIKE", "IN":
        return upper;
      case "NOT":
        if (tokens.acceptWord("IN")) {
          return "NOT IN";
        }
        break;
      case "IS":
        if (tokens.acceptWord("NULL")) {
          return "IS NULL";
        }
        if (tokens.acceptWord("NOT") && tokens.acceptWord("NULL")) {
          return "IS NOT NULL";
        }
        break;
      default:
        break;
    }
    throw ApiError.invalid("Invalid comparator '" + token + "' in filter '" + filter
        + "'. Use one of = != < <= > >= LIKE ILIKE IN, NOT IN, IS NULL, IS NOT NULL");
  }

  private static Double numberValue(String token, String entity, String key) {
    try {
      return Double.valueOf(token);
    } catch (NumberFormatException e) {
      throw ApiError.invalid("Expected numeric value type for " + entity + " '" + key + "', got " + token);
    }
  }

  private static String stringValue(String token, String entity, String key, String filter) {
    if (!isQuoted(token) || token.startsWith("`")) {
      throw ApiError.invalid("Value must be a quoted string for " + entity + " '" + key + "' in filter '" + filter
          + "', got " + token);
    }
    return unquote(token);
  }

  private static boolean isQuoted(String token) {
    return token.length() >= 2 && (token.charAt(0) == '\'' || token.charAt(0) == '"' || token.charAt(0) == '`');
  }

  private static String unquote(String token) {
    char quote = token.charAt(0);
    return token.substring(1, token.length() - 1).replace(String.valueOf(quote) + quote, String.valueOf(quote));
  }

  /** Words, numbers, quoted strings and punctuation of a filter. */
  private static final class Tokens {
    private final List<String> tokens = new ArrayList<>();
    private int next;

    Tokens(String text) {
      int i = 0;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '\'' || c == '"' || c == '`') {
          int end = i + 1;
          while (true) {
            if (end >= text.length()) {
              throw ApiError.invalid("Invalid filter '" + text + "': a quote opened at position " + i + " is not closed");
            }
            if (text.charAt(end) == c) {
              if (end + 1 < text.length() && text.charAt(end + 1) == c) {
                end += 2; // doubled quote inside
                continue;
              }
              break;
            }
            end++;
          }
          tokens.add(text.substring(i, end + 1));
          i = end + 1;
        } else if (c == '(' || c == ')' || c == ',') {
          tokens.add(String.valueOf(c));
          i++;
        } else if (c == '=' || c == '!' || c == '<' || c == '>') {
          int end = i + 1;
          if (end < text.length() && (text.charAt(end) == '=' || c == '<' && text.charAt(end) == '>')) {
            end++;
          }
          tokens.add(text.substring(i, end));
          i = end;
        } else {
          int end = i;
          while (end < text.length() && !Character.isWhitespace(text.charAt(end))
              && "()=!<>,'\"`".indexOf(text.charAt(end)) < 0) {
            end++;
          }
          tokens.add(text.substring(i, end));
          i = end;
        }
      }
    }

    boolean hasNext() {
      return next < tokens.size();
    }

    String peek() {
      return tokens.get(next);
    }

    String next(String filter) {
      if (!hasNext()) {
        throw ApiError.invalid("Invalid filter '" + filter + "': it ends too early");
      }
      return tokens.get(next++);
    }

    boolean accept(String token) {
      if (hasNext() && tokens.get(next).equals(token)) {
        next++;
        return true;
      }
      return false;
    }

    boolean acceptWord(String word) {
      if (hasNext() && tokens.get(next).equalsIgnoreCase(word)) {
        next++;
        return true;
      }
      return false;
    }

    void expect(String token, String filter) {
      if (!accept(token)) {
        throw ApiError.invalid("Invalid filter '" + filter + "': expected '" + token + "'"
            + (hasNext() ? ", got '" + peek() + "'" : " at the end"));
      }
    }
  }
}
