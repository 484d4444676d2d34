package dev.mlops.server.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A standalone HTTP server for {@link WebHandler}s, on Jetty 12's core server (no Servlet API),
 * with a bounded pool of request threads. {@code mlops ui} and {@code mlops server} run one.
 * Jetty, not the JDK's {@code HttpServer}: with the same handler and clients its threads spent
 * 13-53 % less CPU per request (docs/performance.md has the figures); a host that prefers the JDK's
 * server mounts a handler there with {@link JdkHttpAdapter}.
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
  private final Server server;
  private final URI uri;

  private MlOpsServer(Server server, URI uri) {
    this.server = server;
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

  /** Stops answering and ends the request threads; calling it again does nothing. */
  @Override
  public void close() {
    stop(server);
  }

  private static void stop(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the HTTP server did not stop: " + e.getMessage(), e);
    }
  }

  /** Describes a server. */
  public static final class Builder {
    /** Jetty's own threads beside the request threads: one acceptor, one selector, and spare. */
    private static final int JETTY_THREADS = 4;

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
      QueuedThreadPool pool = new QueuedThreadPool(threads + JETTY_THREADS, Math.min(threads, 2) + JETTY_THREADS);
      pool.setName("mlops-http");
      pool.setDaemon(true);
      Server server = new Server(pool);
      HttpConfiguration http = new HttpConfiguration();
      http.setSendServerVersion(false);
      // Jetty refuses ambiguous paths (encoded dots and slashes) with 400 before a handler sees them,
      // as Paths would; an empty segment ("a//b") it would refuse too is left to the handler (a 404
      // from the UI, as on the JDK's server).
      http.setUriCompliance(UriCompliance.DEFAULT.with("mlops", UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
      // Jetty turns Nagle's algorithm off on accepted connections (with it on, a client's delayed
      // ACK held small responses back ~40 ms on the JDK's server, which wrote headers and body apart).
      ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
      connector.setHost(bind);
      connector.setPort(port);
      server.addConnector(connector);
      // Handler.Sequence offers a request to each adapter in turn; the longest mount path goes first.
      List<Handler> adapters = mounts.entrySet().stream()
          .sorted(Comparator.comparingInt((Map.Entry<String, WebHandler> e) -> Paths.normalizeMount(e.getKey()).length())
              .reversed())
          .map(e -> (Handler) JettyAdapter.of(e.getKey(), e.getValue()))
          .toList();
      server.setHandler(new Handler.Sequence(adapters));
      try {
        server.start();
      } catch (Exception e) {
        stop(server);
        throw new UncheckedIOException("cannot listen on " + bind + ":" + port + " (" + e.getMessage()
            + "); choose another port with --port", e instanceof IOException io ? io : new IOException(e));
      }
      String shown = host.isAnyLocalAddress() ? "127.0.0.1" : host.getHostAddress();
      if (shown.contains(":")) {
        shown = "[" + shown + "]";
      }
      URI uri = URI.create("http://" + shown + ":" + connector.getLocalPort() + "/");
      return new MlOpsServer(server, uri);
    }
  }
}
