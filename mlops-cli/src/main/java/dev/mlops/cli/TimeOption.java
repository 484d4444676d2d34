package dev.mlops.cli;

import dev.mlops.core.input.Excerpt;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads the {@code --since} / {@code --until} options of history commands. */
public final class TimeOption {
  private TimeOption() {}

  /**
   * Reads an instant ({@code 2026-03-03T00:00:00Z}) or a UTC day ({@code 2026-03-03}).
   *
   * @param text what was typed
   * @param option the option's name, for the message
   * @param endOfDay whether a day means its end (for an exclusive upper bound) rather than its start
   * @return the instant
   * @throws IllegalArgumentException naming the option and both accepted forms
   */
  public static Instant parse(String text, String option, boolean endOfDay) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notInstant) {
      try {
        LocalDate day = LocalDate.parse(text);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notDay) {
        throw new IllegalArgumentException(option + " must be an instant such as 2026-03-03T00:00:00Z"
            + " or a day such as 2026-03-03, got '" + Excerpt.of(text) + "'");
      }
    }
  }
}
