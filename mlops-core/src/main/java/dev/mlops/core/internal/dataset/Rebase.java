package dev.mlops.core.internal.dataset;

import dev.mlops.core.internal.content.FileContent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Re-parents a commit on a head that another writer moved: allowed only when the two sides
 * changed disjoint sets of paths relative to the common parent, so nothing either side wrote is
 * overwritten.
 */
final class Rebase {
  private Rebase() {}

  static Optional<Manifest> onto(Manifest base, Manifest ours, String theirId, Manifest theirs) {
    Map<String, FileContent> baseFiles = byPath(base);
    Map<String, FileContent> ourFiles = byPath(ours);
    Map<String, FileContent> theirFiles = byPath(theirs);
    Set<String> ourChanges = changed(baseFiles, ourFiles);
    Set<String> theirChanges = changed(baseFiles, theirFiles);
    for (String path : ourChanges) {
      if (theirChanges.contains(path)) {
        return Optional.empty();
      }
    }
    java.util.TreeMap<String, FileContent> merged = new java.util.TreeMap<>(theirFiles);
    for (String path : ourChanges) {
      FileContent content = ourFiles.get(path);
      if (content == null) {
        merged.remove(path);
      } else {
        merged.put(path, content);
      }
    }
    for (String path : merged.keySet()) {
      String next = merged.ceilingKey(path + "/");
      if (next != null && next.startsWith(path + "/")) {
        return Optional.empty(); // a file on one side is a directory on the other
      }
    }
    List<Manifest.Entry> files = merged.entrySet().stream()
        .map(e -> new Manifest.Entry(e.getKey(), e.getValue())).toList();
    return Optional.of(new Manifest(Optional.of(theirId), ours.message(), ours.author(),
        ours.metadata(), files, ours.derivedFrom(), ours.transformation()));
  }

  private static Map<String, FileContent> byPath(Manifest manifest) {
    Map<String, FileContent> files = new HashMap<>();
    if (manifest != null) {
      manifest.files().forEach(e -> files.put(e.path(), e.content()));
    }
    return files;
  }

  private static Set<String> changed(Map<String, FileContent> base, Map<String, FileContent> side) {
    Set<String> changed = new HashSet<>();
    base.forEach((path, content) -> {
      if (!Objects.equals(content, side.get(path))) {
        changed.add(path);
      }
    });
    side.forEach((path, content) -> {
      if (!base.containsKey(path)) {
        changed.add(path);
      }
    });
    return changed;
  }
}
