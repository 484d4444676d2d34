package dev.mlops.core.internal.dataset;

import dev.mlops.api.dataset.ColumnProfile;
import dev.mlops.api.dataset.FileChange;
import dev.mlops.api.dataset.TableChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/** Schema, row count and profile changes of the tables among a diff's changed paths. */
final class TableDiff {
  private TableDiff() {}

  static List<TableChange> of(Manifest from, Manifest to, List<FileChange> changes) {
    Map<String, Manifest.TableMeta> left = tables(from);
    Map<String, Manifest.TableMeta> right = tables(to);
    List<TableChange> out = new ArrayList<>();
    for (FileChange change : changes) {
      Optional<Manifest.TableMeta> a = Optional.ofNullable(left.get(change.path()));
      Optional<Manifest.TableMeta> b = Optional.ofNullable(right.get(change.path()));
      if (a.isEmpty() && b.isEmpty()) {
        continue;
      }
      Map<String, ArrowType> before = columns(a);
      Map<String, ArrowType> after = columns(b);
      List<String> added = after.keySet().stream().filter(c -> !before.containsKey(c)).toList();
      List<String> removed = before.keySet().stream().filter(c -> !after.containsKey(c)).toList();
      List<String> retyped = before.keySet().stream()
          .filter(c -> after.containsKey(c) && !after.get(c).equals(before.get(c))).toList();
      out.add(new TableChange(change.path(), added, removed, retyped, rows(a), rows(b),
          a.map(Manifest.TableMeta::profiles).map(m -> (Map<String, ColumnProfile>) m).orElse(Map.of()),
          b.map(Manifest.TableMeta::profiles).map(m -> (Map<String, ColumnProfile>) m).orElse(Map.of())));
    }
    return out;
  }

  private static Map<String, Manifest.TableMeta> tables(Manifest manifest) {
    Map<String, Manifest.TableMeta> tables = new HashMap<>();
    for (Manifest.Entry e : manifest.files()) {
      e.table().ifPresent(t -> tables.put(e.path(), t));
    }
    return tables;
  }

  private static Map<String, ArrowType> columns(Optional<Manifest.TableMeta> table) {
    Map<String, ArrowType> columns = new LinkedHashMap<>();
    table.ifPresent(t -> {
      for (Field f : VersionReader.schema(t).getFields()) {
        columns.put(f.getName(), f.getType());
      }
    });
    return columns;
  }

  private static OptionalLong rows(Optional<Manifest.TableMeta> table) {
    return table.isPresent() ? OptionalLong.of(table.get().rows()) : OptionalLong.empty();
  }
}
