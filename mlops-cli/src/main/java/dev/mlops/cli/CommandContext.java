package dev.mlops.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.core.MlOps;
import java.io.PrintWriter;
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
  private static final ObjectMapper JSON = new ObjectMapper();

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
    try {
      print(json() ? JSON.writeValueAsString(json) : text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
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
