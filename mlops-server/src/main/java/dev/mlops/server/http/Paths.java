package dev.mlops.server.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Turns a request's raw path into the decoded path a {@link WebHandler} sees, refusing what could
 * step outside it: encoded slashes or backslashes, and {@code .} or {@code ..} segments. Every
 * adapter calls this, so no handler has to remember to.
 */
final class Paths {
  private Paths() {}

  /**
   * Decodes the part of a raw path below the mount point.
   *
   * @param rawPath the raw (still encoded) path below the mount point
   * @return the decoded path starting with {@code /}, or null when it is refused
   */
  static @Nullable String decode(String rawPath) {
    String lower = rawPath.toLowerCase(Locale.ROOT);
    if (lower.contains("%2f") || lower.contains("%5c") || rawPath.contains("\\") || lower.contains("%00")) {
      return null;
    }
    String decoded;
    try {
      decoded = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
    for (String segment : decoded.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        return null;
      }
    }
    return decoded.startsWith("/") ? decoded : "/" + decoded;
  }

  /**
   * Removes the mount point from the front of a raw path.
   *
   * @param rawPath the request's raw path
   * @param mountPath the mount point without a trailing slash (empty at the root)
   * @return the rest, starting with {@code /}
   */
  static String belowMount(String rawPath, String mountPath) {
    String rest = rawPath.startsWith(mountPath) ? rawPath.substring(mountPath.length()) : rawPath;
    return rest.isEmpty() ? "/" : rest;
  }

  static String normalizeMount(String mountPath) {
    String trimmed = mountPath.endsWith("/") ? mountPath.substring(0, mountPath.length() - 1) : mountPath;
    if (!trimmed.isEmpty() && !trimmed.startsWith("/")) {
      throw new IllegalArgumentException("a mount path starts with '/': " + mountPath);
    }
    return trimmed;
  }
}
