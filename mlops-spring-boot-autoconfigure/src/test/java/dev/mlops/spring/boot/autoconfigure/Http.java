package dev.mlops.spring.boot.autoconfigure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** A real HTTP client over loopback, and a poll for outcomes that come asynchronously. */
final class Http {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Generous: a bound for a broken build, not a measure of speed. */
  static final Duration DEADLINE = Duration.ofSeconds(60);

  /** A response: its status and its body parsed as JSON. */
  record Answer(int status, JsonNode body) {}

  private Http() {}

  static Answer get(int port, String path) {
    return tryGet(port, path).orElseThrow(() -> new AssertionError("nothing listens on port " + port));
  }

  /** Empty while nothing listens on the port yet. */
  static Optional<Answer> tryGet(int port, String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).GET().build();
    try {
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      return Optional.of(new Answer(response.statusCode(), body.isEmpty() ? JSON.nullNode() : JSON.readTree(body)));
    } catch (ConnectException notYet) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls until the outcome holds; fails with the last value seen after {@link #DEADLINE}. */
  static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
    Instant end = Instant.now().plus(DEADLINE);
    T last = probe.get();
    while (!done.test(last)) {
      if (Instant.now().isAfter(end)) {
        throw new AssertionError(what + " did not happen within " + DEADLINE + "; last seen: " + last);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      last = probe.get();
    }
    return last;
  }
}
