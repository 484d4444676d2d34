package dev.mlops.server.ui;

import dev.mlops.server.http.WebRequest;
import dev.mlops.server.http.WebResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Guards the UI's forms against cross-site requests. A browser sends the basic-auth credentials or
 * the host's session with any request to our origin, even one a foreign page triggers, so a post
 * must also prove it comes from one of our pages: it carries a field that is an HMAC of a random
 * per-browser cookie ({@code SameSite=Strict}, {@code HttpOnly}) and of the user, under a key only
 * this handler knows, and its {@code Origin}, when the browser sends one, names our host.
 */
final class Csrf {
  static final String COOKIE = "mlops_csrf";
  static final String FIELD = "csrf";
  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

  private final byte[] key = new byte[32];
  private final SecureRandom random = new SecureRandom();

  Csrf() {
    random.nextBytes(key);
  }

  /**
   * Returns the form field's value for this browser and user, setting the cookie first if the
   * browser has none.
   */
  String token(WebRequest request, WebResponse response, @Nullable String user) {
    String cookie = cookie(request);
    if (cookie == null) {
      byte[] bytes = new byte[24];
      random.nextBytes(bytes);
      cookie = BASE64.encodeToString(bytes);
      String path = request.mountPath().isEmpty() ? "/" : request.mountPath();
      response.header("Set-Cookie", COOKIE + "=" + cookie + "; Path=" + path + "; HttpOnly; SameSite=Strict");
    }
    return sign(cookie, user);
  }

  /** Tells whether a post carries a valid field for its cookie and user, from our own origin. */
  boolean accepts(WebRequest request, @Nullable String field, @Nullable String user) {
    String cookie = cookie(request);
    if (cookie == null || field == null || !sameOrigin(request)) {
      return false;
    }
    return MessageDigest.isEqual(sign(cookie, user).getBytes(StandardCharsets.US_ASCII),
        field.getBytes(StandardCharsets.US_ASCII));
  }

  private static boolean sameOrigin(WebRequest request) {
    String origin = request.header("Origin");
    if (origin == null) {
      return true;  // older browsers and same-origin GET-initiated forms; the token still guards
    }
    String host = request.header("X-Forwarded-Host");
    host = host != null ? host : request.header("Host");
    try {
      URI uri = URI.create(origin);
      return host != null && uri.getRawAuthority() != null && uri.getRawAuthority().equalsIgnoreCase(host);
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  private String sign(String cookie, @Nullable String user) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(cookie.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(String.valueOf(user).getBytes(StandardCharsets.UTF_8));
      return BASE64.encodeToString(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static @Nullable String cookie(WebRequest request) {
    String header = request.header("Cookie");
    if (header == null) {
      return null;
    }
    for (String part : header.split(";")) {
      String trimmed = part.trim();
      if (trimmed.startsWith(COOKIE + "=")) {
        String value = trimmed.substring(COOKIE.length() + 1);
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }
}
