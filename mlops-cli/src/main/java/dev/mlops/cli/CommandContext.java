package dev.mlops.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.core.MlOps;
import java.io.PrintWriter;
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
}
