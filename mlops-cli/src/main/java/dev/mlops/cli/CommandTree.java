package dev.mlops.cli;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A command of the {@code mlops} tree by name: its class and, for a group, the subcommands that
 * {@link Main} adds to it (rather than its {@code @Command(subcommands = ...)}), so that a run
 * builds only the commands its arguments name. picocli reflects every class of the tree it is
 * given (annotations, fields, converters, the standard options), which was most of the CPU that a
 * short command such as an unchanged {@code data commit} spent before its own work. The name must
 * be the one the class's {@code @Command} gives (CommandTreeTest checks it).
 *
 * <p>Every command also says {@code addMethodSubcommands = false}: no command is a method, and
 * otherwise picocli lists each command class's methods, with {@code Object}'s, and reads their
 * annotations to look for some, about a twentieth of the CPU of such a short command.
 *
 * @param name the command's name
 * @param type the command's class
 * @param subcommands the subcommands, in the order the usage lists them; empty for a command whose
 *     subcommands, if any, its annotation declares
 */
public record CommandTree(String name, Class<?> type, List<CommandTree> subcommands) {
  /**
   * Checks the fields and copies the list.
   *
   * @param name the command's name
   * @param type the command's class
   * @param subcommands the subcommands
   */
  public CommandTree {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    subcommands = List.copyOf(subcommands);
  }

  /**
   * A command whose subcommands, if any, are declared by its annotation.
   *
   * @param name the name its {@code @Command} gives it
   * @param type its class
   * @return the command
   */
  public static CommandTree of(String name, Class<?> type) {
    return new CommandTree(name, type, List.of());
  }

  /**
   * A group whose subcommands are listed here; its annotation declares none.
   *
   * @param name the name its {@code @Command} gives it
   * @param type its class
   * @param subcommands the subcommands, in the order the usage lists them
   * @return the group
   */
  public static CommandTree group(String name, Class<?> type, List<CommandTree> subcommands) {
    return new CommandTree(name, type, subcommands);
  }

  /**
   * Returns the subcommand of that name among those listed here.
   *
   * @param command a name, or null
   * @return the subcommand, or null if none is listed under that name
   */
  @Nullable CommandTree subcommand(@Nullable String command) {
    for (CommandTree sub : subcommands) {
      if (sub.name.equals(command)) {
        return sub;
      }
    }
    return null;
  }
}
