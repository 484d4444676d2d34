package dev.mlops.storage.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Test-only: what the tests' TCP proxies share. A listener on a free loopback port in front of a
 * test server; each accepted connection is served on a daemon thread by the subclass, which
 * usually opens its own connection to the server ({@link #connectToTarget()}).
 */
abstract class LoopbackProxy implements AutoCloseable {
  /** The longest request head read; a longer one is passed on as it is. */
  private static final int MAX_HEAD = 64 * 1024;

  private final ServerSocket listener;
  private final int targetPort;
  /** Daemon threads that serve connections; subclasses may run their copying on them too. */
  protected final ExecutorService threads;

  LoopbackProxy(URI target, String threadName) throws IOException {
    this.listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
    this.targetPort = target.getPort();
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts accepting connections; subclasses call it last in their constructor. */
  protected final void start() {
    threads.execute(this::acceptLoop);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  /** Serves one accepted connection, and closes it. */
  protected abstract void serve(Socket client);

  protected Socket connectToTarget() throws IOException {
    return new Socket(InetAddress.getLoopbackAddress(), targetPort);
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /**
   * Reads a request head: up to and including the blank line that ends it, or to the end of the
   * stream, or {@value #MAX_HEAD} bytes, whichever comes first.
   */
  static String readRequestHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length && head.size() < MAX_HEAD) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    threads.shutdownNow();
  }
}
