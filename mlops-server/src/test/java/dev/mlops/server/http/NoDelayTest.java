package dev.mlops.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The standalone server turns Nagle's algorithm off (the JDK's server writes headers and body
 * separately; with Nagle on, a client's delayed ACK held small responses back ~40 ms).
 */
class NoDelayTest {
  @Test
  void startingTheServerAsksTheJdkForNoDelayUnlessTheJvmWasToldOtherwise() {
    String before = System.getProperty("sun.net.httpserver.nodelay");
    try (MlOpsServer server = MlOpsServer.builder().port(0).mount("/", (q, r) -> r.sendText(200, "text/plain", "ok"))
        .start()) {
      assertEquals(before == null ? "true" : before, System.getProperty("sun.net.httpserver.nodelay"));
    }
  }
}
