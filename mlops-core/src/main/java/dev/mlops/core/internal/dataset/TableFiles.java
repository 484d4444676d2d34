package dev.mlops.core.internal.dataset;

import dev.mlops.api.dataset.TableFormat;
import java.util.List;
import java.util.Locale;

/** The names of table files written in a format other than the one they were committed in. */
final class TableFiles {
  /** Extensions that say a file is a table in some format; replaced, not kept, on conversion. */
  private static final List<String> TABLE_EXTENSIONS = List.of(".csv", ".parquet", ".arrow", ".arrows");

  private TableFiles() {}

  /**
   * A table's path with the format's extension: unchanged when it has it already, its table
   * extension replaced when it has another ({@code weather.csv} as Arrow is {@code weather.arrow}),
   * the extension added otherwise.
   */
  static String renamed(String path, TableFormat format) {
    String extension = "." + format.extension();
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.endsWith(extension)) {
      return path;
    }
    int slash = path.lastIndexOf('/');
    for (String other : TABLE_EXTENSIONS) {
      if (lower.endsWith(other) && path.length() - other.length() > slash + 1) {
        return path.substring(0, path.length() - other.length()) + extension;
      }
    }
    return path + extension;
  }
}
