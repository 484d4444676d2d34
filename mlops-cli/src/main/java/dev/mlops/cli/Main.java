package dev.mlops.cli;

import static java.util.Objects.requireNonNull;

import dev.mlops.core.MlOps;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code mlops} command: inspect and operate a store from a shell.
 *
 * <p>Exit codes: 0 on success, 1 when the command failed (one line on stderr says what went wrong
 * and what to do), 2 on a usage error (picocli's usage message on stderr).
 */
@Command(
    name = "mlops",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Inspect and operate an mlops store.",
    subcommands = {StoreCommand.class, dev.mlops.cli.data.DataCommand.class, dev.mlops.cli.retrain.RetrainCommand.class, dev.mlops.cli.runs.RunsCommand.class, dev.mlops.cli.models.ModelsCommand.class, dev.mlops.cli.validation.ValidateCommand.class, dev.mlops.cli.drift.DriftCommand.class})
public final class Main {
  /** Exit code of a failed command. */
  public static final int EXIT_FAILURE = 1;

  /** Exit code of a usage error (unknown option or command, missing argument). */
  public static final int EXIT_USAGE = 2;

  /** Environment variable that, when set to anything but {@code 0} or {@code false}, prints stack traces. */
  public static final String DEBUG_ENV = "MLOPS_DEBUG";

  private final Map<String, String> environment;

  @Option(
      names = "--store",
      paramLabel = "URI",
      scope = ScopeType.INHERIT,
      description = "The store: a URI (file:/data/mlops, s3://bucket/prefix) or a directory."
          + " Default: $MLOPS_STORE, else ./.mlops")
  private @Nullable String store;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print machine-readable JSON on stdout.")
  private boolean json;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print the stack trace of a failure (also: $" + DEBUG_ENV + "=1).")
  private boolean verbose;

  private Main(Map<String, String> environment) {
    this.environment = environment;
  }

  /**
   * Runs the command and exits the JVM with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the command with the process environment, without exiting the JVM.
   *
   * @param args the command line
   * @param out where results go
   * @param err where errors and usage messages go
   * @return the exit code: 0 success, 1 failure, 2 usage error
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, System.getenv());
  }

  /**
   * Runs the command with a given environment, without exiting the JVM.
   *
   * @param args the command line
   * @param out where results go
   * @param err where errors and usage messages go
   * @param environment the environment variables ({@code MLOPS_STORE}, {@code MLOPS_DEBUG})
   * @return the exit code: 0 success, 1 failure, 2 usage error
   */
  public static int run(String[] args, PrintStream out, PrintStream err,
      Map<String, String> environment) {
    requireNonNull(args, "args");
    requireNonNull(environment, "environment");
    PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    CommandLine commandLine = commandLine(environment).setOut(outWriter).setErr(errWriter);
    try {
      return commandLine.execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /**
   * Builds the command tree, every command with {@code -h/--help} and {@code -V/--version}.
   *
   * @param environment the environment variables
   * @return the command line, not yet run
   */
  static CommandLine commandLine(Map<String, String> environment) {
    Main main = new Main(environment);
    CommandLine commandLine = new CommandLine(main)
        .setExecutionExceptionHandler(new FailureHandler(main::debug));
    standardOptionsEverywhere(commandLine, new VersionProvider());
    return commandLine;
  }

  /**
   * picocli does not pass a version provider down to subcommands, so {@code mlops retrain -V}
   * printed an empty line; every command prints what {@code mlops --version} prints, and a
   * command that did not ask for the standard options gets them too.
   */
  private static void standardOptionsEverywhere(CommandLine command, VersionProvider version) {
    CommandSpec spec = command.getCommandSpec();
    if (!spec.mixinStandardHelpOptions()) {
      spec.mixinStandardHelpOptions(true);
    }
    spec.versionProvider(version);
    command.getSubcommands().values().forEach(sub -> standardOptionsEverywhere(sub, version));
  }

  /**
   * Returns the store's URI: {@code --store} if given, else the default from the environment.
   *
   * @return the store's URI
   */
  URI storeUri() {
    return store != null ? MlOps.toStoreUri(store) : MlOps.defaultStoreUri(environment);
  }

  /**
   * Opens the store the options name; the caller closes it.
   *
   * @return the SDK on that store
   */
  MlOps open() {
    return MlOps.open(storeUri());
  }

  /**
   * Tells whether output should be JSON.
   *
   * @return {@code true} if {@code --json} was given
   */
  boolean json() {
    return json;
  }

  private boolean debug() {
    String flag = environment.get(DEBUG_ENV);
    return verbose || (flag != null && !flag.isBlank() && !flag.equals("0")
        && !flag.equalsIgnoreCase("false"));
  }
}
