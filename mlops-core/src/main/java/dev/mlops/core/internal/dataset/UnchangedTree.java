package dev.mlops.core.internal.dataset;

import dev.mlops.api.dataset.CommitRequest;
import java.util.Comparator;
import java.util.List;

/**
 * Whether a commit would only repeat its parent: the same paths, each with the same bytes committed
 * the same way (plain, as a table of the same format and schema, or as an external reference), and
 * no lineage other than the parent's. Such a commit makes no version unless the request allows it
 * ({@link CommitRequest#allowEmpty()}). Message, author and metadata are not compared, as git does
 * not; chunking is not either (the bytes are the same whatever the chunk size they were cut at).
 */
final class UnchangedTree {
  private UnchangedTree() {}

  static boolean repeats(Manifest parent, List<Manifest.Entry> files, CommitRequest request) {
    if (request.allowEmpty() || parent.view().isPresent() || !sameLineage(parent, request)
        || parent.files().size() != files.size()) {
      return false;
    }
    List<Manifest.Entry> sorted = files.stream().sorted(Comparator.comparing(Manifest.Entry::path)).toList();
    for (int i = 0; i < sorted.size(); i++) {
      if (!identity(parent.files().get(i)).equals(identity(sorted.get(i)))) {
        return false;
      }
    }
    return true;
  }

  /** No lineage given, or the parent's. */
  private static boolean sameLineage(Manifest parent, CommitRequest request) {
    List<String> inputs = request.derivedFrom().stream().map(Object::toString).toList();
    return inputs.isEmpty() && request.transformation().isEmpty()
        || inputs.equals(parent.derivedFrom()) && request.transformation().equals(parent.transformation());
  }

  /** What makes a file the same file: its path, its bytes as committed and how it was committed. */
  private static List<Object> identity(Manifest.Entry e) {
    Object bytes = e.table().filter(t -> !t.parts().isEmpty())
        .<Object>map(t -> t.parts().stream().map(p -> List.of(p.name(), p.content().sha256())).toList())
        .orElse(e.content().sha256());
    Object kind = e.table().<Object>map(t -> List.of(t.format(), t.schemaJson())).orElse("plain");
    return List.of(e.path(), bytes, e.content().size(), kind, e.external().orElse(""));
  }
}
