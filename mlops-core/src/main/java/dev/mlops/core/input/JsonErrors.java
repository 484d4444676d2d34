package dev.mlops.core.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;

/**
 * Says where and why a JSON text a user gave (a suite, a policy, prediction input) does not parse,
 * in the user's terms: Jackson's own messages name its source ("Source: REDACTED") and its Java
 * settings ("enable JsonReadFeature..."), which mean nothing to someone editing a file.
 */
public final class JsonErrors {
  private static final int MAX_CHARS = 200;

  private JsonErrors() {}

  /**
   * Describes a parse failure: {@code line L, column C: what}.
   *
   * @param e Jackson's failure
   * @return one line, at most about 200 characters
   */
  public static String describe(JsonProcessingException e) {
    String what;
    if (e instanceof JsonEOFException) {
      what = "the text ends before the JSON is complete (is the file cut short?)";
    } else {
      what = String.valueOf(e.getOriginalMessage())
          .replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\][^)]*\\)", "")
          .replaceAll("\\s*at \\[Source:[^\\]]*\\]", "")
          .replaceAll(":\\s*enable `[^`]*`.*$", "")
          .replaceAll("\\s*\\R\\s*", " ")
          .strip();
      if (what.length() > MAX_CHARS) {
        what = what.substring(0, MAX_CHARS) + "…";
      }
    }
    JsonLocation at = e.getLocation();
    return (at == null || at.getLineNr() < 0 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ")
        + what;
  }
}
