package dev.mlops.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Test-only: a loopback HTTP proxy in front of a test server that drops chosen request headers,
 * so that the server behaves as an S3 service that ignores them, and records the request line of
 * every request it passes.
 *
 * <p>Why not a blob-store wrapper: S3Proxy 4.1 checks {@code If-None-Match} and {@code If-Match}
 * itself, in its request handler, before it calls the blob store, so no blob store can make it
 * ignore them; a header that never arrives is. SigV4 signs these headers, so a server behind a
 * proxy that drops any must run without authentication ({@link
 * S3TestServer#startWithoutAuthentication()}). The proxy asks for {@code Connection: close}, so
 * that each connection carries one request whose head it can rewrite; the rest of both streams is
 * copied as is.
 */
final class HeaderDroppingProxy extends LoopbackProxy {
  private final Set<String> dropped;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile boolean refusing;

  /**
   * @param dropped the request headers to drop, in any case, such as {@code If-None-Match}; none
   *     to only record requests
   */
  HeaderDroppingProxy(URI target, String... dropped) throws IOException {
    super(target, "header-dropping-proxy");
    this.dropped = Stream.of(dropped).map(h -> h.toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
    start();
  }

  /** How many requests passed whose request line contains {@code part}. */
  long requestsContaining(String part) {
    return requests.stream().filter(line -> line.contains(part)).count();
  }

  /** While on, cuts every connection before it reaches the server, as an unreachable service. */
  void refuseConnections(boolean refuse) {
    refusing = refuse;
  }

  @Override
  protected void serve(Socket client) {
    if (refusing) {
      closeQuietly(client);
      return;
    }
    try (client; Socket server = connectToTarget()) {
      InputStream fromClient = client.getInputStream();
      String head = readRequestHead(fromClient);
      if (!head.endsWith("\r\n\r\n")) {
        return; // cut inside the head, or not HTTP
      }
      OutputStream toServer = server.getOutputStream();
      toServer.write(rewrite(head).getBytes(StandardCharsets.ISO_8859_1));
      toServer.flush();
      threads.execute(() -> copy(fromClient, toServer));
      server.getInputStream().transferTo(client.getOutputStream());
    } catch (IOException e) {
      // a connection cut by either side ends here
    }
  }

  private String rewrite(String head) {
    StringBuilder out = new StringBuilder();
    String[] lines = head.split("\r\n");
    requests.add(lines[0]);
    out.append(lines[0]).append("\r\n");
    for (int i = 1; i < lines.length; i++) {
      String name = lines[i].substring(0, Math.max(0, lines[i].indexOf(':')))
          .trim().toLowerCase(Locale.ROOT);
      if (!lines[i].isEmpty() && !dropped.contains(name) && !name.equals("connection")) {
        out.append(lines[i]).append("\r\n");
      }
    }
    return out.append("Connection: close\r\n\r\n").toString();
  }

  private static void copy(InputStream from, OutputStream to) {
    try {
      from.transferTo(to);
    } catch (IOException e) {
      // the other direction ended the exchange
    }
  }
}
