package dev.mlops.server.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A standalone HTTP server for {@link WebHandler}s, on the JDK's own {@code HttpServer} (no
 * dependency to add), with a fixed pool of request threads. {@code mlops ui} and
 * {@code mlops server} run one.
 *
 * <pre>{@code
 * try (MlOpsServer server = MlOpsServer.builder().port(5000).mount("/", handler).start()) {
 *   System.out.println(server.uri());
 *   ...
 * }
 * }</pre>
 *
 * <p>It binds the loopback address unless told otherwise, and refuses another address without
 * an {@link Authenticator} that is {@link Authenticator#configured() configured}, unless
 * {@link Builder#insecure(boolean)} says that is intended.
 */
public final class MlOpsServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final URI uri;

  private MlOpsServer(HttpServer server, ExecutorService executor, URI uri) {
    this.server = server;
    this.executor = executor;
    this.uri = uri;
  }

  /**
   * Starts a server's description.
   *
   * @return a builder binding 127.0.0.1:5000
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the address the server answers on, with the port it got (for port 0).
   *
   * @return e.g. {@code http://127.0.0.1:5000/}
   */
  public URI uri() {
    return uri;
  }

  /** Stops answering at once and ends the request threads. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Describes a server. */
  public static final class Builder {
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private String bind = "127.0.0.1";
    private int port = 5000;
    private int threads = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    private boolean authenticated;
    private boolean insecure;
    private boolean writes;
    private final Map<String, WebHandler> mounts = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the address to listen on.
     *
     * @param address a host name or IP address; {@code 0.0.0.0} for every interface
     * @return this builder
     */
    public Builder bind(String address) {
      this.bind = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * Sets the port.
     *
     * @param port 1-65535, or 0 for any free port
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("a port is 0-65535, not " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the number of request threads.
     *
     * @param threads at least 1
     * @return this builder
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, not " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Says whether requests are authenticated (the mounted handlers check an
     * {@link Authenticator} with a token); a non-loopback bind needs it.
     *
     * @param authenticated true when a token is configured
     * @return this builder
     */
    public Builder authenticated(boolean authenticated) {
      this.authenticated = authenticated;
      return this;
    }

    /**
     * Allows a non-loopback bind without authentication (a trusted network, or a proxy in front
     * that authenticates).
     *
     * @param insecure true to allow it
     * @return this builder
     */
    public Builder insecure(boolean insecure) {
      this.insecure = insecure;
      return this;
    }

    /**
     * Says whether a mounted handler accepts writes (the UI's approvals and alias moves). Writes
     * on a non-loopback address need authentication even with {@link #insecure(boolean)}: every
     * write is recorded under a user's name, and a proxy's user is not passed on to this server.
     *
     * @param writes true when writes are enabled; false by default
     * @return this builder
     */
    public Builder writes(boolean writes) {
      this.writes = writes;
      return this;
    }

    /**
     * Mounts a handler at a path.
     *
     * @param path {@code /} or e.g. {@code /mlops}
     * @param handler the handler
     * @return this builder
     */
    public Builder mount(String path, WebHandler handler) {
      mounts.put(path, Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /**
     * Turns Nagle's algorithm off for the JDK's server, unless the JVM was told otherwise: it writes
     * a response's headers and body separately, and the client's delayed ACK then held the body
     * back for up to 40 ms (measured: log-batch of 1,000 points p50 44 ms with it, 1.1 ms without).
     * The JDK reads the property once, when its first server starts; a host that started one
     * before sets {@code -Dsun.net.httpserver.nodelay=true} itself.
     */
    private static void noDelay() {
      if (System.getProperty(NO_DELAY) == null) {
        System.setProperty(NO_DELAY, "true");
      }
    }

    /**
     * Binds and starts serving.
     *
     * @return the running server, which the caller closes
     * @throws IllegalStateException if the address is not loopback and neither authentication
     *     nor {@link #insecure(boolean)} is set, or if it is not loopback, writes are enabled and
     *     authentication is not set
     * @throws UncheckedIOException if the address cannot be bound (e.g. the port is in use)
     */
    public MlOpsServer start() {
      InetSocketAddress address = new InetSocketAddress(bind, port);
      if (address.isUnresolved()) {
        throw new IllegalArgumentException("cannot resolve the bind address '" + bind + "'");
      }
      InetAddress host = address.getAddress();
      if (!host.isLoopbackAddress() && !authenticated && writes) {
        throw new IllegalStateException("refusing to serve writes on " + bind + " without a token (--insecure does not"
            + " cover writes): set a token (--token or MLOPS_SERVER_TOKEN), or bind 127.0.0.1, or drop --enable-writes");
      }
      if (!host.isLoopbackAddress() && !authenticated && !insecure) {
        throw new IllegalStateException("refusing to serve on " + bind + " without authentication: set a token"
            + " (--token or MLOPS_SERVER_TOKEN), or bind 127.0.0.1, or pass --insecure if a proxy authenticates");
      }
      HttpServer server;
      try {
        noDelay();
        server = HttpServer.create(address, 0);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on " + bind + ":" + port + " (" + e.getMessage()
            + "); choose another port with --port", e);
      }
      AtomicInteger count = new AtomicInteger();
      ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
        Thread thread = new Thread(runnable, "mlops-http-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      });
      server.setExecutor(executor);
      mounts.forEach((path, handler) -> server.createContext(path, JdkHttpAdapter.of(path, handler)));
      server.start();
      String shown = host.isAnyLocalAddress() ? "127.0.0.1" : host.getHostAddress();
      if (shown.contains(":")) {
        shown = "[" + shown + "]";
      }
      URI uri = URI.create("http://" + shown + ":" + server.getAddress().getPort() + "/");
      return new MlOpsServer(server, executor, uri);
    }
  }
}
