package dev.mlops.cli;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.NotFoundException;
import dev.mlops.core.MlOps;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code mlops} command: inspect and operate a store from a shell.
 *
 * <p>Exit codes: 0 on success, 1 when the command failed (one line on stderr says what went wrong
 * and what to do), 2 on a usage error (picocli's usage message on stderr).
 */
@Command(
    addMethodSubcommands = false,
    name = "mlops",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Inspect and operate an mlops store.")
public final class Main {
  /**
   * The commands under {@code mlops}, in the order its usage lists them, with the subcommands of
   * the groups. They are added by {@link #commandLine(Map, String[])} rather than by the
   * annotations, so that a run builds only the command it runs: picocli reflects every class of
   * the tree it is given, and the whole tree took about half the CPU of a short command such as an
   * unchanged {@code data commit}; the {@code data} group alone, with its nine commands, was still
   * about a fifth. Found by name, not by reading each class's annotation, which costs as much.
   */
  private static final List<CommandTree> COMMANDS = List.of(
      CommandTree.group("store", StoreCommand.class, StoreCommand.SUBCOMMANDS),
      CommandTree.group("data", dev.mlops.cli.data.DataCommand.class, dev.mlops.cli.data.DataCommand.SUBCOMMANDS),
      CommandTree.group("retrain", dev.mlops.cli.retrain.RetrainCommand.class,
          dev.mlops.cli.retrain.RetrainCommand.SUBCOMMANDS),
      CommandTree.group("runs", dev.mlops.cli.runs.RunsCommand.class, dev.mlops.cli.runs.RunsCommand.SUBCOMMANDS),
      CommandTree.group("models", dev.mlops.cli.models.ModelsCommand.class,
          dev.mlops.cli.models.ModelsCommand.SUBCOMMANDS),
      CommandTree.of("validate", dev.mlops.cli.validation.ValidateCommand.class),
      CommandTree.of("drift", dev.mlops.cli.drift.DriftCommand.class),
      CommandTree.of("ui", dev.mlops.cli.serve.UiCommand.class),
      CommandTree.of("server", dev.mlops.cli.serve.ServerCommand.class));

  /** {@code mlops} itself, to find the command a run names as a group finds its subcommand. */
  private static final CommandTree ROOT = CommandTree.group("mlops", Main.class, COMMANDS);

  /** The options that ask for a usage: the tree under the command they are given to must be whole. */
  private static final Set<String> HELP = Set.of("-h", "--help");

  /** The options of {@code mlops} itself that take no value. */
  private static final Set<String> FLAGS = Set.of("--json", "--verbose", "-h", "--help", "-V", "--version");

  /** Exit code of a failed command. */
  public static final int EXIT_FAILURE = 1;

  /** Exit code of a usage error (unknown option or command, missing argument). */
  public static final int EXIT_USAGE = 2;

  /** Environment variable that, when set to anything but {@code 0} or {@code false}, prints stack traces. */
  public static final String DEBUG_ENV = "MLOPS_DEBUG";

  private final Map<String, String> environment;

  @Spec private CommandSpec spec;

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
   * Sets the store. An empty value would name the working directory and turn it into a store, so
   * it is a usage error.
   *
   * @param location what the user typed
   */
  @Option(
      names = "--store",
      paramLabel = "URI",
      scope = ScopeType.INHERIT,
      description = "The store: a URI (file:/data/mlops, s3://bucket/prefix) or a directory."
          + " Default: $MLOPS_STORE, else ./.mlops")
  void store(String location) {
    if (location.isBlank()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--store needs a directory or a URI,"
          + " got an empty value; name the store (for example --store ./.mlops), or leave --store out to"
          + " use $MLOPS_STORE, else ./.mlops");
    }
    this.store = location;
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
    CommandLine commandLine = commandLine(environment, args).setOut(outWriter).setErr(errWriter);
    try {
      return commandLine.execute(args);
    } catch (OutOfMemoryError e) {
      // picocli passes Errors through; one line instead of the JVM's stack trace
      errWriter.println("mlops: the JVM ran out of memory (" + FailureHandler.describe(e) + "); give it more"
          + " with MLOPS_JAVA_OPTS=-Xmx4g (bin/mlops passes it to java)");
      return EXIT_FAILURE;
    } catch (StackOverflowError e) {
      errWriter.println("mlops: " + FailureHandler.describe(e));
      return EXIT_FAILURE;
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /**
   * Builds the whole command tree, every command with {@code -h/--help} and {@code -V/--version}.
   *
   * @param environment the environment variables
   * @return the command line, not yet run
   */
  static CommandLine commandLine(Map<String, String> environment) {
    return commandLine(environment, COMMANDS, null);
  }

  /**
   * Builds the part of the command tree that {@code args} runs: {@code mlops} with only the
   * command the arguments name and, in a group, only the subcommand they name under it (with
   * everything under that); a group whole when they name none of its subcommands; the whole tree
   * when they name no command (usage, {@code --help}, a mistyped command), so usage and error
   * messages list every command.
   *
   * @param environment the environment variables
   * @param args the command line
   * @return the command line, not yet run
   */
  static CommandLine commandLine(Map<String, String> environment, String[] args) {
    int at = operand(args, 0);
    CommandTree named = at >= 0 ? ROOT.subcommand(args[at]) : null;
    if (named == null) {
      return commandLine(environment, COMMANDS, null);
    }
    int next = operand(args, at + 1);
    return commandLine(environment, List.of(named), named.subcommand(next >= 0 ? args[next] : null));
  }

  private static CommandLine commandLine(Map<String, String> environment, List<CommandTree> commands,
      @Nullable CommandTree only) {
    Main main = new Main(environment);
    CommandLine commandLine = new CommandLine(main);
    // added first: the settings below reach only the subcommands present when they are set
    for (CommandTree command : commands) {
      commandLine.addSubcommand(build(command, only));
    }
    commandLine.setExecutionExceptionHandler(new FailureHandler(main::debug))
        // `--store data` names a directory called data, not the `data` command
        .setAllowSubcommandsAsOptionParameters(true)
        .registerConverter(java.time.Instant.class, Main::instant);
    standardOptionsEverywhere(commandLine, new VersionProvider());
    return commandLine;
  }

  /** A command with the subcommands its tree lists: only {@code only} when it is one of them. */
  private static CommandLine build(CommandTree command, @Nullable CommandTree only) {
    CommandLine commandLine = new CommandLine(command.type());
    boolean one = only != null && command.subcommand(only.name()) == only;
    for (CommandTree sub : command.subcommands()) {
      if (!one || sub == only) {
        commandLine.addSubcommand(build(sub, null));
      }
    }
    return commandLine;
  }

  /**
   * Finds the next argument, from {@code from} on, that may name a command: the first that is
   * not one of {@code mlops}'s own options (which picocli takes on any command, as they are
   * inherited). -1 when there is none, or when a usage is asked for first (the usage lists every
   * command under the one it is asked of). Before a command's name picocli accepts only these
   * options (a group has no options of its own but the standard ones); anything else, such as an
   * unknown option or an {@code @file}, is returned as it is, names no command, and so gets the
   * whole group or tree, where picocli judges it.
   */
  private static int operand(String[] args, int from) {
    for (int i = from; i < args.length; i++) {
      String arg = args[i];
      if (HELP.contains(arg)) {
        return -1;
      }
      if (arg.equals("--store")) {
        i++;
      } else if (!FLAGS.contains(arg) && !arg.startsWith("--store=")) {
        return i;
      }
    }
    return -1;
  }

  /** Parses an ISO-8601 instant; picocli's own message would name Java's exception. */
  private static java.time.Instant instant(String text) {
    try {
      return java.time.Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new CommandLine.TypeConversionException("'" + dev.mlops.core.input.Excerpt.of(text)
          + "' is not an instant; write one in ISO-8601, such as 2026-03-01T12:00:00Z");
    }
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
    String origin = store != null ? "--store" : "$" + MlOps.STORE_ENV;
    URI uri;
    try {
      uri = store != null ? MlOps.toStoreUri(store) : MlOps.defaultStoreUri(environment);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(origin + " is not a valid URI (" + e.getMessage() + "); give a"
          + " directory or a URI such as file:/data/mlops or s3://bucket/prefix", e);
    }
    if ("file".equalsIgnoreCase(uri.getScheme()) && (uri.isOpaque() || uri.getAuthority() != null)) {
      throw new IllegalArgumentException(origin + " " + uri + " is not a local directory: a file: URI has"
          + " an absolute path and no host (file:/data/mlops); or give the directory itself");
    }
    return uri;
  }

  /**
   * Opens the store the options name for a command that only reads; the caller closes it. A local
   * store that does not exist is not created: a mistyped path must not leave an empty store
   * behind.
   *
   * @return the SDK on that store
   * @throws NotFoundException if the store's directory does not exist
   */
  MlOps open() {
    URI uri = storeUri();
    String configured = environment.get(MlOps.STORE_ENV);
    StoreLocation.requireExisting(uri, store != null ? "from --store"
        : configured != null && !configured.isBlank() ? "from $" + MlOps.STORE_ENV
        : "the default store, ./" + MlOps.DEFAULT_DIRECTORY);
    return MlOps.open(uri);
  }

  /**
   * Opens the store for a command that writes, creating a missing local store and saying so on
   * stderr; the caller closes it.
   *
   * @param err where the notice goes
   * @return the SDK on that store
   */
  MlOps openForWriting(PrintWriter err) {
    URI uri = storeUri();
    boolean created = StoreLocation.isMissing(uri);
    MlOps mlops = MlOps.open(uri);
    if (created) {
      err.println("mlops: created a new store at " + StoreLocation.describe(uri));
      err.flush();
    }
    return mlops;
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
