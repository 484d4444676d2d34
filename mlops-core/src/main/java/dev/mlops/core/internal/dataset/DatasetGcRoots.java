package dev.mlops.core.internal.dataset;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.content.ChunkRef;
import dev.mlops.core.internal.content.FileContent;
import dev.mlops.core.internal.gc.GcMarks;
import dev.mlops.core.internal.gc.GcRoots;
import dev.mlops.core.internal.gc.GcScope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The datasets' roots. A version stays while a head or a tag names it, while a run or a model
 * version names it (as an input or in its lineage), or while its record is younger than the grace
 * period (a commit in progress, or one that lost a race); with it stay its ancestors, the base of
 * a view and the versions it was derived from, and their manifests, chunks and table sketches.
 * Records of versions that nothing reaches are deleted with them.
 */
public final class DatasetGcRoots implements GcRoots {
  /** Creates the roots; found by {@link java.util.ServiceLoader}. */
  public DatasetGcRoots() {}

  @Override
  public String name() {
    return "datasets";
  }

  @Override
  public List<String> areas() {
    return List.of(DatasetKeys.ROOT);
  }

  @Override
  public void mark(GcScope scope, GcMarks marks) {
    ObjectStore store = scope.store();
    try (Stream<ObjectInfo> refs = store.list(DatasetKeys.ROOT)) {
      for (ObjectInfo info : (Iterable<ObjectInfo>) refs::iterator) {
        String key = info.key();
        if (isRecord(key)) {
          if (scope.young(info.lastModified())) {
            marks.datasetVersion(key.substring(key.lastIndexOf('/') + 1));
          }
        } else {
          store.get(key).ifPresent(bytes -> marks.datasetVersion(DatasetKeys.versionId(key, bytes.bytes())));
        }
      }
    }
  }

  @Override
  public void expand(GcScope scope, GcMarks marks) {
    ObjectStore store = scope.store();
    VersionReader reader = new VersionReader(store);
    Set<String> seen = new HashSet<>(marks.datasetVersions());
    ArrayDeque<String> queue = new ArrayDeque<>(seen);
    while (!queue.isEmpty()) {
      String id = queue.removeFirst();
      String manifestKey = new ChunkRef(id, 0).key();
      if (store.stat(manifestKey).isEmpty()) {
        continue; // named by a run or a model but never stored here (or collected long ago)
      }
      Manifest manifest = reader.manifest(id);
      marks.object(manifestKey);
      List<String> next = new ArrayList<>();
      manifest.parent().ifPresent(next::add);
      manifest.view().ifPresent(v -> next.add(VersionReader.parseRef(v.base()).versionId()));
      manifest.derivedFrom().forEach(ref -> next.add(VersionReader.parseRef(ref).versionId()));
      for (String other : next) {
        if (seen.add(other)) {
          marks.datasetVersion(other);
          queue.addLast(other);
        }
      }
      for (Manifest.Entry entry : manifest.files()) {
        for (ChunkRef chunk : entry.content().chunks()) {
          marks.object(chunk.key());
        }
        if (entry.table().isPresent()) {
          for (ChunkRef chunk : entry.table().get().arrow().map(FileContent::chunks).orElse(List.of())) {
            marks.object(chunk.key());
          }
          for (Manifest.Part part : entry.table().get().parts()) {
            for (ChunkRef chunk : part.content().chunks()) {
              marks.object(chunk.key());
            }
          }
          marks.object(TableSketches.key(entry.arrowContent().sha256()));
          if (ViewTables.isCsvWithoutArrow(entry)) { // its blocks' profiles, kept for the next commit
            String list = CsvBlock.tableKey(entry.content().sha256(), entry.table().get().schemaJson());
            marks.object(list);
            store.get(list).ifPresent(stored -> CsvBlock.decodeTable(stored.bytes()).forEach(marks::object));
          }
        }
      }
    }
  }

  @Override
  public List<String> unreachableRefs(GcScope scope, GcMarks marks) {
    List<String> records = new ArrayList<>();
    try (Stream<ObjectInfo> refs = scope.store().list(DatasetKeys.ROOT)) {
      for (ObjectInfo info : (Iterable<ObjectInfo>) refs::iterator) {
        String key = info.key();
        if (isRecord(key) && !scope.young(info.lastModified())
            && !marks.reaches(new ChunkRef(key.substring(key.lastIndexOf('/') + 1), 0).key())) {
          records.add(key);
        }
      }
    }
    return records;
  }

  /** Tells a version record ({@code refs/datasets/<name>/versions/<id>}) from a head or a tag. */
  private static boolean isRecord(String key) {
    String[] segments = key.split("/");
    return segments.length == 5 && segments[3].equals("versions");
  }
}
