package dev.mlops.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only: a loopback HTTP proxy that answers chosen compare-and-sets ({@code PUT} with {@code
 * If-Match}) as Ceph's radosgw answers one that lost the race inside the cluster: {@code 500
 * UnknownError}, without passing it on (so it never applies). Before answering it runs a given
 * action, such as another writer's write straight to the server. Other requests pass as they are,
 * one per connection.
 */
final class LostRaceProxy extends LoopbackProxy {
  private static final String ANSWER = "HTTP/1.1 500 Internal Server Error\r\n"
      + "Content-Type: application/xml\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s";
  private static final String BODY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error>"
      + "<Code>UnknownError</Code><BucketName>mlops-test</BucketName>"
      + "<RequestId>tx-lost-race</RequestId></Error>";

  private final AtomicInteger toCancel = new AtomicInteger();
  private final AtomicInteger compareAndSets = new AtomicInteger();
  private volatile Runnable beforeAnswer = () -> {};

  LostRaceProxy(URI target) throws IOException {
    super(target, "lost-race-proxy");
    start();
  }

  /** Answers the next {@code count} compare-and-sets with the lost race, after {@code action}. */
  void cancelNext(int count, Runnable action) {
    beforeAnswer = action;
    toCancel.set(count);
  }

  /** How many compare-and-sets arrived, answered or passed. */
  int compareAndSets() {
    return compareAndSets.get();
  }

  @Override
  protected void serve(Socket client) {
    try (client; Socket server = connectToTarget()) {
      InputStream fromClient = client.getInputStream();
      String head = readRequestHead(fromClient);
      if (!head.endsWith("\r\n\r\n")) {
        return;
      }
      String lower = head.toLowerCase(Locale.ROOT);
      boolean compareAndSet = lower.startsWith("put ") && lower.contains("\r\nif-match:");
      if (compareAndSet) {
        compareAndSets.incrementAndGet();
      }
      if (compareAndSet && toCancel.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        if (!lower.contains("\r\nexpect: 100-continue")) {
          fromClient.readNBytes(contentLength(lower)); // the body, sent without waiting
        } // else: answered before the client sends its body, as HTTP allows
        beforeAnswer.run();
        client.getOutputStream().write(String.format(Locale.ROOT, ANSWER, BODY.length(), BODY)
            .getBytes(StandardCharsets.US_ASCII));
        return;
      }
      OutputStream toServer = server.getOutputStream();
      StringBuilder rewritten = new StringBuilder();
      for (String line : head.split("\r\n")) {
        if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
          rewritten.append(line).append("\r\n");
        }
      }
      toServer.write(rewritten.append("Connection: close\r\n\r\n").toString()
          .getBytes(StandardCharsets.ISO_8859_1));
      toServer.flush();
      // the body follows while the answer comes back (the client may wait for 100 Continue)
      threads.execute(() -> {
        try {
          fromClient.transferTo(toServer);
        } catch (IOException e) {
          // the other direction ended the exchange
        }
      });
      server.getInputStream().transferTo(client.getOutputStream());
    } catch (IOException e) {
      // a connection cut by either side ends here
    }
  }

  private static int contentLength(String lowerHead) {
    // headers are read from the lower-cased head: names are case-insensitive
    int at = lowerHead.indexOf("\r\ncontent-length:");
    if (at < 0) {
      return 0;
    }
    int end = lowerHead.indexOf("\r\n", at + 2);
    return Integer.parseInt(lowerHead.substring(at + "\r\ncontent-length:".length(), end).trim());
  }
}
