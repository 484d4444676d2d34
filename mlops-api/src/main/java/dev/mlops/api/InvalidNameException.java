package dev.mlops.api;

/**
 * Thrown when a user-given name (dataset, experiment, run, model, alias, tag, head) or an object
 * key breaks the naming rule documented in {@link Names} or
 * {@link dev.mlops.api.storage.ObjectKeys}. The message quotes the rejected value and the rule.
 *
 * <p>It is an {@link MlOpsException}, so one catch covers every SDK failure; it is thrown before
 * anything is written, so a bad name never reaches storage.
 */
public class InvalidNameException extends MlOpsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the rejected value and the rule it breaks
   */
  public InvalidNameException(String message) {
    super(message);
  }

  /**
   * Creates the exception for a rejected value, quoted as {@link #printable} makes it: "Invalid
   * {@code what} '{@code value}': {@code rule}".
   *
   * @param what what the value is, for example {@code "dataset name"} or {@code "object key"}
   * @param value the rejected value
   * @param rule the rule it breaks and what to do
   * @return the exception
   */
  public static InvalidNameException rejected(String what, String value, String rule) {
    return new InvalidNameException("Invalid " + what + " '" + printable(value) + "': " + rule);
  }

  /**
   * Makes a rejected value safe to quote in a message: control characters become backslash-u
   * escapes, and a value longer than 200 characters is cut, with its length given.
   *
   * @param value the value
   * @return the printable form
   */
  public static String printable(String value) {
    StringBuilder out = new StringBuilder();
    int limit = Math.min(value.length(), 200);
    for (int i = 0; i < limit; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (value.length() > limit) {
      out.append("...(").append(value.length()).append(" chars)");
    }
    return out.toString();
  }
}
