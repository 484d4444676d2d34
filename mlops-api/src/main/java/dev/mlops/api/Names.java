package dev.mlops.api;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * The one naming rule for everything a user names: datasets, experiments, runs, models, aliases,
 * heads, tags, metric and parameter keys are checked here before anything touches storage.
 *
 * <p>A valid name is 1 to {@value #MAX_LENGTH} characters of ASCII letters, digits, {@code _},
 * {@code -} and {@code .}; it starts with a letter, digit or {@code _}; it does not end with
 * {@code .}. Names are case-sensitive. The rule keeps every name safe as one segment of an object
 * key on every backend (file systems, S3) and readable in a shell.
 *
 * <p>Column names are the exception: they come from the header of a user's CSV file or table and
 * never become part of a key, so {@link #requireValidColumn} accepts what files hold, such as
 * {@code sepal length} or {@code Temp (°C)}: 1 to {@value #MAX_LENGTH} characters, no control
 * characters, not blank, no space at either end. A dataset view's filter quotes such a name in
 * double quotes: {@code "sepal length" > 5}.
 */
public final class Names {
  /** The longest allowed name, in characters. */
  public static final int MAX_LENGTH = 128;

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");

  private Names() {}

  /**
   * Tells whether {@code name} follows the naming rule.
   *
   * @param name the candidate name
   * @return {@code true} if the name is valid
   */
  public static boolean isValid(String name) {
    requireNonNull(name, "name");
    return !name.isEmpty()
        && name.length() <= MAX_LENGTH
        && !name.endsWith(".")
        && VALID.matcher(name).matches();
  }

  /**
   * Returns {@code name} if it follows the naming rule.
   *
   * @param kind what the name is for, used in the message (for example {@code "dataset"})
   * @param name the candidate name
   * @return the same name
   * @throws InvalidNameException if the name breaks the rule; the message quotes it
   */
  public static String requireValid(String kind, String name) {
    requireNonNull(kind, "kind");
    requireNonNull(name, "name");
    if (!isValid(name)) {
      throw InvalidNameException.rejected(kind + " name", name, "use 1-" + MAX_LENGTH
          + " characters of A-Z a-z 0-9 _ - . , starting with a letter, digit or _,"
          + " not ending with '.'");
    }
    return name;
  }

  /**
   * Tells whether {@code column} is a valid column name: 1 to {@value #MAX_LENGTH} characters,
   * none of them a control character, not blank, and no whitespace at either end.
   *
   * @param column the candidate column name
   * @return {@code true} if the name is valid
   */
  public static boolean isValidColumn(String column) {
    requireNonNull(column, "column");
    return !column.isBlank()
        && column.length() <= MAX_LENGTH
        && column.strip().equals(column)
        && column.chars().noneMatch(Character::isISOControl);
  }

  /**
   * Returns {@code column} if it is a valid column name (see {@link #isValidColumn}).
   *
   * @param column the candidate column name
   * @return the same name
   * @throws InvalidNameException if it is not; the message quotes it
   */
  public static String requireValidColumn(String column) {
    requireNonNull(column, "column");
    if (!isValidColumn(column)) {
      throw InvalidNameException.rejected("column name", column, "use 1-" + MAX_LENGTH
          + " characters without control characters and without spaces at either end");
    }
    return column;
  }
}
