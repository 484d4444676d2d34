package dev.mlops.cli.serve;

import dev.mlops.core.MlOps;
import dev.mlops.server.MlOpsWeb;
import dev.mlops.server.http.Authenticator;
import dev.mlops.server.http.MlOpsServer;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options {@code mlops ui} and {@code mlops server} share, and their one way to serve. */
final class ServeOptions {
  /** Environment variable holding the token, so it stays out of the process list. */
  static final String TOKEN_ENV = "MLOPS_SERVER_TOKEN";

  @Option(names = "--port", defaultValue = "5000", description = "Port to listen on (0: any free port; default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for every interface needs --token or --insecure).")
  String bind;

  @Option(names = "--token", defaultValue = "${env:" + TOKEN_ENV + "}",
      description = "Secret token clients send as 'Authorization: Bearer <token>' or as basic auth's password (also: $"
          + TOKEN_ENV + "); at least 16 characters.")
  @Nullable String token;

  @Option(names = "--token-user", defaultValue = "token",
      description = "Name recorded in histories for requests made with the token (default ${DEFAULT-VALUE}).")
  String tokenUser;

  @Option(names = "--insecure", description = "Allow a non-loopback --bind without --token (a proxy in front authenticates).")
  boolean insecure;

  Authenticator authenticator() {
    return token == null || token.isEmpty() ? Authenticator.none() : Authenticator.token(tokenUser, token);
  }

  /**
   * Serves the handler until the process is interrupted (Ctrl-C), then closes the server.
   *
   * @param mlops the open store
   * @param web the handler, finished by the command
   * @param out where the URL is printed
   * @param what what is served, for the first line
   * @param writes whether the UI accepts writes (a non-loopback bind then needs a token)
   */
  void serveUntilInterrupted(MlOps mlops, MlOpsWeb.Builder web, PrintWriter out, String what, boolean writes)
      throws InterruptedException {
    Authenticator authenticator = authenticator();
    CountDownLatch stopped = new CountDownLatch(1);
    try (MlOpsServer server = MlOpsServer.builder()
        .bind(bind)
        .port(port)
        .authenticated(authenticator.configured())
        .insecure(insecure)
        .writes(writes)
        .mount("/", web.authenticator(authenticator).build())
        .start()) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "mlops-serve-stop"));
      out.println(what + " of " + mlops.store().uri() + " at " + server.uri() + " (Ctrl-C stops it)");
      out.flush();
      stopped.await();
    }
  }
}
