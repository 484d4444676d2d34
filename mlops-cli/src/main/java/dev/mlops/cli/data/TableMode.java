package dev.mlops.cli.data;

import dev.mlops.api.dataset.TableSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** How {@code mlops data commit --table MODE} reads its paths: as which kind of table, if any. */
enum TableMode {
  AUTO, CSV, PARQUET, NONE;

  /** The mode a {@code --table} value names; a file given where the mode goes gets the new spelling. */
  static TableMode parse(String value, CommandSpec spec) {
    for (TableMode mode : values()) {
      if (mode.name().toLowerCase(Locale.ROOT).equals(value)) {
        return mode;
      }
    }
    String hint = value.contains(".") || value.contains("/")
        ? "; to commit the file '" + value + "' as a table, give it as a PATH: 'mlops data commit NAME "
            + value + " --table'"
        : "";
    throw new CommandLine.ParameterException(spec.commandLine(), "--table takes auto, csv, parquet or none, got '"
        + value + "'" + hint);
  }

  /** The table a path is under this mode, or empty to commit it as a plain file or directory. */
  Optional<TableSource> source(Path path) {
    return switch (this) {
      case NONE -> Optional.empty();
      case CSV -> {
        if (Files.isDirectory(path)) {
          throw new IllegalArgumentException("--table csv: '" + path + "' is a directory; give CSV files,"
              + " or commit the directory without --table");
        }
        yield Optional.of(new TableSource.FromCsv(path, Optional.empty()));
      }
      case PARQUET -> Optional.of(parquet(path));
      case AUTO -> {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isRegularFile(path) && name.endsWith(".csv")) {
          yield Optional.of(new TableSource.FromCsv(path, Optional.empty()));
        }
        if (Files.isRegularFile(path) && name.endsWith(".parquet") || isParquetDirectory(path)) {
          yield Optional.of(parquet(path));
        }
        yield Optional.empty();
      }
    };
  }

  private static TableSource parquet(Path path) {
    return new TableSource.FromParquet(path);
  }

  /** A directory holding at least one {@code .parquet} file (as Spark and pandas write a table). */
  private static boolean isParquetDirectory(Path path) {
    if (!Files.isDirectory(path)) {
      return false;
    }
    try (Stream<Path> files = Files.list(path)) {
      return files.anyMatch(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet"));
    } catch (IOException e) {
      return false; // committing it as a directory reports the read failure
    }
  }
}
