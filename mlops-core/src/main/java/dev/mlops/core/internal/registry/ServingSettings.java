package dev.mlops.core.internal.registry;

import dev.mlops.core.input.Excerpt;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * How a registry serves models: the session cache's bound and the alias poll period. The checks
 * live here so the {@code MlOps} builder and the system properties refuse the same values with the
 * same words.
 *
 * @param cacheBytes bound on the total size of the model files with cached sessions, positive
 * @param pollPeriod how often alias-following handles look for moves made elsewhere, positive
 */
public record ServingSettings(long cacheBytes, Duration pollPeriod) {
  /** The default session cache bound: 1 GiB of model files. */
  public static final long DEFAULT_CACHE_BYTES = 1L << 30;

  /** The default alias poll period: 5 seconds. */
  public static final Duration DEFAULT_POLL_PERIOD = Duration.ofSeconds(5);

  /** The system property read when the host sets no cache bound: a number of bytes. */
  public static final String CACHE_BYTES_PROPERTY = "mlops.models.cache-bytes";

  /** The system property read when the host sets no poll period: an ISO-8601 duration such as {@code PT1S}. */
  public static final String POLL_PERIOD_PROPERTY = "mlops.models.poll-period";

  /** Checks both values. */
  public ServingSettings {
    requireCacheBytes(cacheBytes, "cacheBytes");
    requirePollPeriod(pollPeriod, "pollPeriod");
  }

  /**
   * Resolves the settings: a value the host set wins, then the system property, then the default.
   *
   * @param cacheBytes the host's cache bound, or null
   * @param pollPeriod the host's poll period, or null
   * @param properties where the system properties are read, usually {@link System#getProperties()}
   * @return the settings
   * @throws IllegalArgumentException if a property is set to a value that is not allowed
   */
  public static ServingSettings resolve(@Nullable Long cacheBytes, @Nullable Duration pollPeriod,
      Properties properties) {
    long bytes = cacheBytes != null ? cacheBytes : cacheBytesProperty(properties.getProperty(CACHE_BYTES_PROPERTY));
    Duration period = pollPeriod != null ? pollPeriod : pollPeriodProperty(properties.getProperty(POLL_PERIOD_PROPERTY));
    return new ServingSettings(bytes, period);
  }

  /**
   * Checks a cache bound.
   *
   * @param bytes the bound
   * @param name what the value is called in the message
   * @return the bound
   * @throws IllegalArgumentException if it is zero or negative
   */
  public static long requireCacheBytes(long bytes, String name) {
    if (bytes <= 0) {
      throw new IllegalArgumentException(name + " must be a positive number of bytes (the total size of the model"
          + " files whose sessions stay open), got " + bytes);
    }
    return bytes;
  }

  /**
   * Checks a poll period.
   *
   * @param period the period
   * @param name what the value is called in the message
   * @return the period
   * @throws IllegalArgumentException if it is zero, negative or longer than {@code Long.MAX_VALUE} nanoseconds
   */
  public static Duration requirePollPeriod(Duration period, String name) {
    // Handles keep the period in nanoseconds; beyond about 292 years that overflows.
    if (period.isNegative() || period.isZero() || period.compareTo(Duration.ofNanos(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException(name + " must be a positive duration of at most "
          + Duration.ofNanos(Long.MAX_VALUE) + ", got " + period);
    }
    return period;
  }

  private static long cacheBytesProperty(@Nullable String value) {
    if (value == null) {
      return DEFAULT_CACHE_BYTES;
    }
    try {
      return requireCacheBytes(Long.parseLong(value.trim()), "system property " + CACHE_BYTES_PROPERTY);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("system property " + CACHE_BYTES_PROPERTY + " must be a positive number of"
          + " bytes such as 268435456, got '" + Excerpt.of(value) + "'", e);
    }
  }

  private static Duration pollPeriodProperty(@Nullable String value) {
    if (value == null) {
      return DEFAULT_POLL_PERIOD;
    }
    try {
      return requirePollPeriod(Duration.parse(value.trim()), "system property " + POLL_PERIOD_PROPERTY);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("system property " + POLL_PERIOD_PROPERTY + " must be an ISO-8601 duration"
          + " such as PT1S or PT0.5S, got '" + Excerpt.of(value) + "'", e);
    }
  }
}
