package dev.mlops.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who is asking: the host's authenticated user when the host has one, else the user of a
 * configured token. MLflow clients send the token as {@code Authorization: Bearer <token>}
 * ({@code MLFLOW_TRACKING_TOKEN}) or as basic auth's password ({@code MLFLOW_TRACKING_USERNAME} /
 * {@code MLFLOW_TRACKING_PASSWORD}); both are accepted.
 */
public final class Authenticator {
  private static final Authenticator NONE = new Authenticator(null, null);

  private final @Nullable String user;
  private final byte @Nullable [] token;

  private Authenticator(@Nullable String user, byte @Nullable [] token) {
    this.user = user;
    this.token = token;
  }

  /**
   * No token: only the host's principal identifies a user.
   *
   * @return the authenticator
   */
  public static Authenticator none() {
    return NONE;
  }

  /**
   * Accepts one secret token, and names whoever presents it {@code user}.
   *
   * @param user the name recorded in histories for requests with the token
   * @param token the secret; at least 16 characters
   * @return the authenticator
   * @throws IllegalArgumentException if the token is shorter than 16 characters
   */
  public static Authenticator token(String user, String token) {
    Objects.requireNonNull(user, "user");
    if (token.length() < 16) {
      throw new IllegalArgumentException("a token has at least 16 characters; this one has " + token.length());
    }
    return new Authenticator(user, token.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Tells whether any request can be authenticated by this authenticator itself.
   *
   * @return true when a token is configured
   */
  public boolean configured() {
    return token != null;
  }

  /**
   * Returns the user a request is made by.
   *
   * @param request the request
   * @return the host's principal, else the token's user when the request carries the token, else
   *     null (anonymous)
   */
  public @Nullable String principal(WebRequest request) {
    String host = request.hostPrincipal();
    if (host != null) {
      return host;
    }
    if (token == null) {
      return null;
    }
    String authorization = request.header("Authorization");
    if (authorization == null) {
      return null;
    }
    String presented = presentedSecret(authorization);
    // Constant-time comparison: a token is not guessed byte by byte from response times.
    return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8)) ? user : null;
  }

  private static @Nullable String presentedSecret(String authorization) {
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).trim();
    }
    if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return colon < 0 ? null : pair.substring(colon + 1);
      } catch (IllegalArgumentException notBase64) {
        return null;
      }
    }
    return null;
  }
}
