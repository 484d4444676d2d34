package dev.mlops.cli.models;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The parameters and options several {@code mlops models} commands share, as picocli mixins. */
final class SharedOptions {
  private SharedOptions() {}

  /** {@code MODEL ALIAS}: the first two positional parameters. */
  static final class ModelAlias {
    @Parameters(index = "0", paramLabel = "MODEL")
    String model;

    @Parameters(index = "1", paramLabel = "ALIAS")
    String alias;
  }

  /** {@code MODEL ALIAS VERSION}: where an alias should point. */
  static final class AliasTarget {
    @Parameters(index = "0", paramLabel = "MODEL")
    String model;

    @Parameters(index = "1", paramLabel = "ALIAS")
    String alias;

    @Parameters(index = "2", paramLabel = "VERSION")
    int version;
  }

  /** {@code --actor NAME}: who acts, as the registry's history records it. */
  static final class Actor {
    @Option(names = "--actor", paramLabel = "NAME",
        description = "Who acts. Default: the OS user.")
    // Not a ModelsContext method: picocli makes this object for every command line, and
    // initializing ModelsContext builds its ObjectMapper, a tenth of a second of every start.
    String name = System.getProperty("user.name", "unknown");
  }

  /** {@code --reason TEXT}: why, as the registry's history records it. */
  static final class Reason {
    @Option(names = "--reason", paramLabel = "TEXT")
    private @Nullable String text;

    /**
     * Returns the reason given, or a command's own default.
     *
     * @param fallback the reason recorded when none was given
     * @return the reason
     */
    String orElse(String fallback) {
      return text != null ? text : fallback;
    }
  }
}
