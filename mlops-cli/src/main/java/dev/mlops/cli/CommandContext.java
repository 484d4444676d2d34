package dev.mlops.cli;

import dev.mlops.core.MlOps;
import java.io.PrintWriter;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What a subcommand reads from the top command, {@code mlops}: the store ({@code --store}, else
 * {@code $MLOPS_STORE}, else {@code ./.mlops}) and {@code --json}; and where it prints. The command
 * groups' contexts extend it with their own JSON forms.
 */
public class CommandContext {
  private final CommandSpec spec;

  /**
   * Creates the context of a subcommand.
   *
   * @param spec the subcommand's spec, injected by picocli
   */
  public CommandContext(CommandSpec spec) {
    this.spec = spec;
  }

  /**
   * Opens the store the top command names, for a command that only reads: a local store that does
   * not exist is refused, not created.
   *
   * @return the store, which the caller closes
   * @throws dev.mlops.api.NotFoundException if the local store's directory does not exist
   */
  public MlOps open() {
    return main().open();
  }

  /**
   * Opens the store the top command names, for a command that writes: a missing local store is
   * created, and a line on stderr says so.
   *
   * @return the store, which the caller closes
   */
  public MlOps openForWriting() {
    return main().openForWriting(spec.commandLine().getErr());
  }

  private Main main() {
    return (Main) spec.root().userObject();
  }

  /**
   * Tells whether the top command was given {@code --json}.
   *
   * @return true to print JSON
   */
  public boolean json() {
    OptionSpec json = spec.root().findOption("--json");
    return json != null && Boolean.TRUE.equals(json.getValue());
  }

  /**
   * Returns the command's standard output.
   *
   * @return the writer
   */
  public PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /**
   * Prints one line of text and flushes.
   *
   * @param text the text
   */
  public void print(String text) {
    PrintWriter out = out();
    out.println(text);
    out.flush();
  }

  /**
   * Prints the JSON form under {@code --json}, the text otherwise.
   *
   * @param json a Jackson tree or value
   * @param text the human form
   */
  public void print(Object json, String text) {
    print(json() ? Json.write(json) : text);
  }

  /**
   * What a command prints, both forms, and its exit code.
   *
   * @param json the JSON form: a Jackson tree or value
   * @param text the human form
   * @param exitCode the command's exit code
   */
  public record Output(Object json, String text, int exitCode) {
    /**
     * A successful command's output.
     *
     * @param json the JSON form
     * @param text the human form
     * @return the output, exit code 0
     */
    public static Output of(Object json, String text) {
      return new Output(json, text, 0);
    }
  }

  /**
   * Work a command does on an open store.
   */
  @FunctionalInterface
  public interface Work {
    /**
     * Does the command's work.
     *
     * @param mlops the store, closed after the work returns
     * @return what to print
     * @throws Exception a failure, reported by the command line's failure handler
     */
    Output on(MlOps mlops) throws Exception;
  }

  /**
   * The commands' one shape: opens the store for reading (a missing local store is refused),
   * does the work, closes the store, prints the output as JSON or text.
   *
   * @param work the command's work
   * @return the work's exit code
   * @throws Exception what the work threw
   */
  public int read(Work work) throws Exception {
    Output output;
    try (MlOps mlops = open()) {
      output = work.on(mlops);
    }
    print(output.json(), output.text());
    return output.exitCode();
  }

  /**
   * As {@link #read}, for a command that computes without the user's store (drift between two
   * files, a streaming detector, a policy's backtest): the work gets a throwaway in-memory store,
   * and the user's store is not opened at all.
   *
   * @param work the command's work
   * @return the work's exit code
   * @throws Exception what the work threw
   */
  public int scratch(Work work) throws Exception {
    Output output;
    try (MlOps mlops = MlOps.open(URI.create("mem:mlops-cli-" + UUID.randomUUID()))) {
      output = work.on(mlops);
    }
    print(output.json(), output.text());
    return output.exitCode();
  }

  /**
   * As {@link #read}, for a command that writes: a missing local store is created, and a line on
   * stderr says so.
   *
   * @param work the command's work
   * @return the work's exit code
   * @throws Exception what the work threw
   */
  public int write(Work work) throws Exception {
    Output output;
    try (MlOps mlops = openForWriting()) {
      output = work.on(mlops);
    }
    print(output.json(), output.text());
    return output.exitCode();
  }

  /**
   * Returns an operand given as a positional argument or, until the next release, with the option
   * that named it before the commands agreed on one convention (operands positional, roles
   * options); the old spelling prints a notice on stderr.
   *
   * @param <T> the operand's type
   * @param positional the argument, or null
   * @param deprecated the old option's value, or null
   * @param label the argument's label in the usage, such as {@code FILE}
   * @param option the old option, such as {@code --input}
   * @return the operand
   * @throws CommandLine.ParameterException if it was given both ways or not at all
   */
  public <T> T operand(@Nullable T positional, @Nullable T deprecated, String label, String option) {
    if (positional != null && deprecated != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give " + label + " once, as an argument;"
          + " " + option + " is its old spelling");
    }
    if (positional != null) {
      return positional;
    }
    if (deprecated == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: '" + label + "'");
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println("mlops: " + option + " is deprecated and goes in the next release; give " + label
        + " as an argument: " + spec.qualifiedName() + " ... " + label);
    err.flush();
    return deprecated;
  }
}
