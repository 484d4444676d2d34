package dev.mlops.core.internal.dataset;

import dev.mlops.core.internal.content.FileContent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a dataset version is, as stored: the object whose SHA-256 is the version's id. It holds no
 * time and no dataset name, so identical content, parent, message, author and metadata always
 * give the identical id (the commit time lives in the version's record, see {@link DatasetKeys}).
 *
 * @param parent the parent version's id, if any
 * @param message the commit message
 * @param author the author
 * @param metadata user metadata, sorted by key
 * @param files the files, sorted by path
 * @param derivedFrom lineage inputs as {@code name@id}, in the order given
 * @param transformation how the version was derived, or empty
 * @param view for a virtual version, its definition: its table entries then have no chunks (they
 *     are materialized from the base) and their hash and size are those of the materialization
 */
record Manifest(Optional<String> parent, String message, String author,
    SortedMap<String, String> metadata, List<Entry> files, List<String> derivedFrom,
    String transformation, Optional<View> view) {
  /** The manifest format written by this code. */
  static final int FORMAT = 1;

  Manifest {
    metadata = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
    derivedFrom = List.copyOf(derivedFrom);
    files = files.stream().sorted(java.util.Comparator.comparing(Entry::path)).toList();
    for (int i = 1; i < files.size(); i++) {
      if (files.get(i).path().equals(files.get(i - 1).path())) {
        throw new IllegalArgumentException("two files at path '" + files.get(i).path() + "'");
      }
    }
  }

  Manifest(Optional<String> parent, String message, String author, Map<String, String> metadata,
      List<Entry> files, List<String> derivedFrom, String transformation) {
    this(parent, message, author, new TreeMap<>(metadata), files, derivedFrom, transformation,
        Optional.empty());
  }

  /**
   * The files a checkout writes: each entry, except that a table committed from a directory is its
   * part files (plain entries under the table's path).
   */
  List<Entry> checkoutFiles() {
    List<Entry> out = new java.util.ArrayList<>();
    for (Entry e : files) {
      List<Part> parts = e.table().map(TableMeta::parts).orElse(List.of());
      if (parts.isEmpty()) {
        out.add(e);
      }
      for (Part part : parts) {
        out.add(new Entry(e.path() + "/" + part.name(), part.content()));
      }
    }
    return out;
  }

  /** A copy with other files. */
  Manifest withFiles(List<Entry> newFiles) {
    return new Manifest(parent, message, author, metadata, newFiles, derivedFrom, transformation, view);
  }

  /**
   * A virtual version's definition.
   *
   * @param base the base version as {@code name@id}
   * @param columns the columns its tables keep, in order; empty keeps all
   * @param where the row filter's canonical text, if any
   */
  record View(String base, List<String> columns, Optional<String> where) {
    View {
      columns = List.copyOf(columns);
    }
  }

  /**
   * One file.
   *
   * @param path its path inside the version, {@code /}-separated
   * @param content its stored content
   * @param table what a table file holds, empty for plain files
   * @param external the URI of a file tracked outside the store (then it has no chunks)
   */
  record Entry(String path, FileContent content, Optional<TableMeta> table, Optional<String> external) {
    Entry(String path, FileContent content) {
      this(path, content, Optional.empty(), Optional.empty());
    }

    Entry(String path, FileContent content, Optional<TableMeta> table) {
      this(path, content, table, Optional.empty());
    }

    /** A table's Arrow IPC stream: the derived one, or the content when that is Arrow already. */
    FileContent arrowContent() {
      return table.flatMap(TableMeta::arrow).orElse(content);
    }
  }

  /**
   * What a table file holds. The entry's content is the file as committed (a CSV or Parquet file
   * keeps its own bytes, so a checkout gives them back). A Parquet file's Arrow view, from which the
   * profiles and sketches were computed, is stored beside it as an Arrow IPC stream ({@code arrow});
   * a CSV file has none (it is parsed with its schema when read; CSV tables committed by older
   * versions have one); content that already is one ({@link Format#ARROW}: tables given as Arrow,
   * and views) has none.
   *
   * @param rows its row count
   * @param schemaJson its Arrow schema as Arrow's JSON
   * @param profiles its column profiles by column
   * @param format what the entry's content is
   * @param arrow the derived Arrow IPC stream; present exactly when the format is
   *     {@link Format#PARQUET} and the table is one file, and for CSV tables committed before CSV
   *     tables were profiled block by block ({@link #arrowCopyFits})
   * @param parts for a table committed from a directory of part files: the files as committed, by
   *     name inside the directory (the entry's content is then the table's Arrow IPC stream, since no
   *     one file is the table); empty for a table of one file
   */
  record TableMeta(long rows, String schemaJson,
      SortedMap<String, dev.mlops.api.dataset.ColumnProfile> profiles, Format format,
      Optional<FileContent> arrow, List<Part> parts) {
    TableMeta {
      profiles = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(profiles));
      parts = List.copyOf(parts);
      if (!arrowCopyFits(format, parts, arrow)) {
        throw new IllegalArgumentException("a " + format + " table of " + parts.size() + " parts must "
            + (arrow.isEmpty() ? "" : "not ") + "have a derived Arrow stream");
      }
    }

    /**
     * Whether a table of this format and parts may have, or must have, a derived Arrow stream: a
     * Parquet file has one; a CSV file committed since tables are profiled block by block has none
     * (it is parsed when read), one committed before has one; Arrow content and part directories
     * have none.
     */
    static boolean arrowCopyFits(Format format, List<Part> parts, Optional<FileContent> arrow) {
      if (format == Format.CSV) {
        return true;
      }
      return (format != Format.ARROW && parts.isEmpty()) == arrow.isPresent();
    }

    /** A table whose content is its own Arrow IPC stream. */
    TableMeta(long rows, String schemaJson, SortedMap<String, dev.mlops.api.dataset.ColumnProfile> profiles) {
      this(rows, schemaJson, profiles, Format.ARROW, Optional.empty(), List.of());
    }

    /** A copy with other profiles. */
    TableMeta withProfiles(SortedMap<String, dev.mlops.api.dataset.ColumnProfile> newProfiles) {
      return new TableMeta(rows, schemaJson, newProfiles, format, arrow, parts);
    }
  }

  /**
   * One file of a table committed from a directory.
   *
   * @param name its name inside the directory
   * @param content its bytes as committed
   */
  record Part(String name, FileContent content) {}

  /** What a table entry's content is; the name is the manifest's {@code format} value. */
  enum Format {
    /** An Arrow IPC stream written by mlops (tables given as Arrow readers or roots, and views). */
    ARROW,
    /** A CSV file as committed. */
    CSV,
    /** A Parquet file as committed. */
    PARQUET;

    String jsonName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Optional<Format> ofJsonName(String name) {
      for (Format f : values()) {
        if (f.jsonName().equals(name)) {
          return Optional.of(f);
        }
      }
      return Optional.empty();
    }
  }
}
