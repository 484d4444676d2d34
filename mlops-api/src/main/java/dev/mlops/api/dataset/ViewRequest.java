package dev.mlops.api.dataset;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link DatasetStore#commitView} commits: a virtual version defined as a column projection
 * and/or a row filter of every table of a base version. Nothing is copied: the view's manifest
 * records the base version's id, the columns and the filter, and its tables are materialized from
 * the base whenever they are read. The base's plain files are part of the view unchanged. Built
 * with {@link #builder()}; immutable.
 *
 * <p>The filter is a small expression stored as text, not code: comparisons of a column with a
 * literal ({@code temp_max > 30}, {@code city = 'Oslo'}, {@code rain != true}, with
 * {@code = != < <= > >=}), {@code column is null}, {@code column is not null}, combined with
 * {@code and}, {@code or}, {@code not} and parentheses. Numbers compare with integer,
 * floating-point and decimal columns, quoted strings with text columns, {@code true}/{@code false}
 * with boolean columns. A comparison with a null value is unknown, as in SQL: a row is kept only
 * when the whole filter is true.
 */
public final class ViewRequest {
  private final String dataset;
  private final String head;
  private final String base;
  private final List<String> columns;
  private final Optional<String> where;
  private final String message;
  private final String author;

  private ViewRequest(Builder builder) {
    this.dataset = requireNonNull(builder.dataset);
    this.head = builder.head != null ? builder.head : CommitRequest.DEFAULT_HEAD;
    this.base = requireNonNull(builder.base);
    this.columns = builder.columns != null ? builder.columns : List.of();
    this.where = Optional.ofNullable(builder.where);
    this.message = builder.message != null ? builder.message : "";
    this.author = builder.author != null ? builder.author : System.getProperty("user.name", "");
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the dataset the view is committed to.
   *
   * @return the dataset's name
   */
  public String dataset() {
    return dataset;
  }

  /**
   * Returns the head the commit moves; default {@value CommitRequest#DEFAULT_HEAD}.
   *
   * @return the head
   */
  public String head() {
    return head;
  }

  /**
   * Returns the base version's reference, as given ({@code weather@v2}); it is resolved to an id
   * at commit.
   *
   * @return the reference
   */
  public String base() {
    return base;
  }

  /**
   * Returns the columns every table of the view keeps, in this order; empty keeps all.
   *
   * @return the columns
   */
  public List<String> columns() {
    return columns;
  }

  /**
   * Returns the row filter, if any.
   *
   * @return the filter expression
   */
  public Optional<String> where() {
    return where;
  }

  /**
   * Returns the commit message; default empty.
   *
   * @return the message
   */
  public String message() {
    return message;
  }

  /**
   * Returns the author; default the {@code user.name} system property.
   *
   * @return the author
   */
  public String author() {
    return author;
  }

  /** Builds a {@link ViewRequest}; each value may be set once. Not thread-safe. */
  public static final class Builder {
    private @Nullable String dataset;
    private @Nullable String head;
    private @Nullable String base;
    private @Nullable List<String> columns;
    private @Nullable String where;
    private @Nullable String message;
    private @Nullable String author;

    private Builder() {}

    /**
     * Sets the dataset the view is committed to (required).
     *
     * @param dataset a name valid under {@link Names}
     * @return this builder
     */
    public Builder dataset(String dataset) {
      Names.requireValid("dataset", dataset);
      this.dataset = once("dataset", this.dataset, dataset);
      return this;
    }

    /**
     * Sets the head to move. Default {@value CommitRequest#DEFAULT_HEAD}.
     *
     * @param head a name valid under {@link Names}
     * @return this builder
     */
    public Builder head(String head) {
      Names.requireValid("head", head);
      this.head = once("head", this.head, head);
      return this;
    }

    /**
     * Sets the base version (required), for example {@code weather@v2}; a view may have a view
     * as its base.
     *
     * @param reference a dataset reference
     * @return this builder
     */
    public Builder from(String reference) {
      requireNonNull(reference, "reference");
      if (reference.isBlank()) {
        throw new IllegalArgumentException("the base reference must not be blank, got '" + reference + "'");
      }
      this.base = once("base", this.base, reference);
      return this;
    }

    /**
     * Keeps only these columns, in this order. Default: all columns.
     *
     * @param columns at least one column name, no repeats
     * @return this builder
     */
    public Builder columns(List<String> columns) {
      requireNonNull(columns, "columns");
      if (columns.isEmpty() || columns.stream().distinct().count() != columns.size()) {
        throw new IllegalArgumentException("columns must name at least one column, each once, got " + columns);
      }
      columns.forEach(c -> requireNonNull(c, "column"));
      this.columns = once("columns", this.columns, List.copyOf(columns));
      return this;
    }

    /**
     * Keeps only the rows for which the filter is true. Default: all rows. The expression is
     * checked against the base's tables at commit.
     *
     * @param expression a filter as described in {@link ViewRequest}
     * @return this builder
     */
    public Builder where(String expression) {
      requireNonNull(expression, "expression");
      if (expression.isBlank()) {
        throw new IllegalArgumentException("the filter must not be blank, got '" + expression + "'");
      }
      this.where = once("where", this.where, expression);
      return this;
    }

    /**
     * Sets the commit message. Default empty.
     *
     * @param message the message
     * @return this builder
     */
    public Builder message(String message) {
      this.message = once("message", this.message, requireNonNull(message, "message"));
      return this;
    }

    /**
     * Sets the author. Default the {@code user.name} system property.
     *
     * @param author the author
     * @return this builder
     */
    public Builder author(String author) {
      this.author = once("author", this.author, requireNonNull(author, "author"));
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws IllegalStateException if the dataset or the base is missing
     */
    public ViewRequest build() {
      if (dataset == null) {
        throw new IllegalStateException("dataset(...) is required");
      }
      if (base == null) {
        throw new IllegalStateException("from(...) is required: the version the view is defined on");
      }
      return new ViewRequest(this);
    }

    private static <T> T once(String name, @Nullable T current, T value) {
      if (current != null) {
        throw new IllegalStateException(name + " was already set to " + current);
      }
      return value;
    }
  }
}
