package dev.mlops.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Where the serving settings come from: the host's value, else the system property, else the default. */
class ServingSettingsTest {
  @Test
  @DisplayName("with nothing set, the defaults are 1 GiB and 5 seconds")
  void defaults() {
    assertEquals(new ServingSettings(1L << 30, Duration.ofSeconds(5)),
        ServingSettings.resolve(null, null, new Properties()));
  }

  @Test
  @DisplayName("system properties are used when the host sets nothing, and the host's values win over them")
  void propertiesAreTheFallback() {
    Properties properties = properties("268435456", "PT0.25S");
    assertEquals(new ServingSettings(256L << 20, Duration.ofMillis(250)),
        ServingSettings.resolve(null, null, properties));
    assertEquals(new ServingSettings(1024, Duration.ofSeconds(2)),
        ServingSettings.resolve(1024L, Duration.ofSeconds(2), properties));
  }

  @Test
  @DisplayName("a bad system property names the property, what is allowed and what it got")
  void badPropertiesSayWhatIsAllowed() {
    IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
        () -> ServingSettings.resolve(null, null, properties("1GiB", null)));
    assertEquals("system property mlops.models.cache-bytes must be a positive number of bytes such as 268435456,"
        + " got '1GiB'", notANumber.getMessage());
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> ServingSettings.resolve(null, null, properties("-1", null)));
    assertTrue(negative.getMessage().startsWith("system property mlops.models.cache-bytes must be a positive"),
        negative.getMessage());
    IllegalArgumentException notADuration = assertThrows(IllegalArgumentException.class,
        () -> ServingSettings.resolve(null, null, properties(null, "5s")));
    assertEquals("system property mlops.models.poll-period must be an ISO-8601 duration such as PT1S or PT0.5S,"
        + " got '5s'", notADuration.getMessage());
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> ServingSettings.resolve(null, null, properties(null, "PT0S")));
    assertTrue(zero.getMessage().startsWith("system property mlops.models.poll-period must be a positive duration"),
        zero.getMessage());
  }

  private static Properties properties(String cacheBytes, String pollPeriod) {
    Properties properties = new Properties();
    if (cacheBytes != null) {
      properties.setProperty(ServingSettings.CACHE_BYTES_PROPERTY, cacheBytes);
    }
    if (pollPeriod != null) {
      properties.setProperty(ServingSettings.POLL_PERIOD_PROPERTY, pollPeriod);
    }
    return properties;
  }
}
