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
 * <p>Metric, parameter and tag keys of runs (and tag keys of model versions) follow a wider rule,
 * MLflow's: they are stored inside documents and metric segments, never as part of an object key,
 * so {@link #requireValidKey} also accepts letters and digits of any script, spaces and {@code /}
 * ({@code train/loss}, {@code system/cpu_utilization_percentage}): 1 to {@value #MAX_KEY_LENGTH}
 * characters of letters, digits, {@code _ - . /} and space, where the {@code /}-separated segments
 * are neither empty nor {@code .} nor {@code ..} (so no leading, trailing or doubled {@code /}).
 * The segment rule keeps a key meaning one thing if a tool ever writes it out as a file path.
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

  /** The longest allowed metric, parameter or tag key, in characters (MLflow's limit). */
  public static final int MAX_KEY_LENGTH = 250;

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
   * Tells whether {@code key} follows the rule for metric, parameter and tag keys (see the class
   * description): letters and digits of any script, {@code _ - . /} and space, 1 to
   * {@value #MAX_KEY_LENGTH} characters, no empty, {@code .} or {@code ..} segment between
   * {@code /}.
   *
   * @param key the candidate key
   * @return {@code true} if the key is valid
   */
  public static boolean isValidKey(String key) {
    requireNonNull(key, "key");
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      return false;
    }
    for (int i = 0; i < key.length(); ) {
      int c = key.codePointAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ' ' || c == '/')) {
        return false;
      }
      i += Character.charCount(c);
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns {@code key} if it follows the rule for metric, parameter and tag keys (see
   * {@link #isValidKey}).
   *
   * @param kind what the key is for, used in the message (for example {@code "metric key"})
   * @param key the candidate key
   * @return the same key
   * @throws InvalidNameException if the key breaks the rule; the message quotes it
   */
  public static String requireValidKey(String kind, String key) {
    requireNonNull(kind, "kind");
    requireNonNull(key, "key");
    if (!isValidKey(key)) {
      throw InvalidNameException.rejected(kind, key, "use 1-" + MAX_KEY_LENGTH + " characters of letters,"
          + " digits, _ - . / and space, without empty, '.' or '..' segments between slashes");
    }
    return key;
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
