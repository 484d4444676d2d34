package dev.mlops.storage.s3;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class against {@link Radosgw}: starts the gateway once per test JVM (or uses the one
 * {@code .ci/run} started), and skips the class with the reason where radosgw is not installed;
 * fails it instead when {@value Radosgw#REQUIRE_VARIABLE}=1, so that CI cannot pass without it.
 */
final class RadosgwExtension implements BeforeAllCallback {
  @Override
  public void beforeAll(ExtensionContext context) {
    check();
  }

  /** Skips (or, when required, fails) the caller where no gateway runs; jqwik classes call it. */
  static void check() {
    Radosgw.Availability availability = Radosgw.availability();
    if (availability.endpoint().isEmpty() && (Radosgw.required() || availability.broken())) {
      fail((availability.broken() ? "" : Radosgw.REQUIRE_VARIABLE + "=1 but ")
          + availability.reason());
    }
    assumeTrue(availability.endpoint().isPresent(), availability.reason());
  }
}
