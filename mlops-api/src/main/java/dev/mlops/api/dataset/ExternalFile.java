package dev.mlops.api.dataset;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * A file tracked by location and hash without copying it into the store. Reading it back
 * ({@link DatasetStore#open}, {@link DatasetStore#checkout}) fetches it from the URI and verifies
 * its size and SHA-256, failing with {@link dev.mlops.api.IntegrityException} if it changed.
 *
 * @param uri where the bytes live ({@code file:}, {@code http:}, {@code https:}, or any scheme
 *     the JDK opens with {@link java.net.URL#openStream()})
 * @param sha256 the lowercase hex SHA-256 of the bytes
 * @param size the size in bytes
 */
public record ExternalFile(URI uri, String sha256, long size) {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  /**
   * Creates the value.
   *
   * @param uri an absolute URI
   * @param sha256 64 lowercase hex digits
   * @param size not negative
   */
  public ExternalFile {
    requireNonNull(uri, "uri");
    requireNonNull(sha256, "sha256");
    if (!uri.isAbsolute()) {
      throw new IllegalArgumentException("an external file needs an absolute URI, got " + uri);
    }
    if (!HEX64.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits, got " + sha256);
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, got " + size);
    }
  }
}
