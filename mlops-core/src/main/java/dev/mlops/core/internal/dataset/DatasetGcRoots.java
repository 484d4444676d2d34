package dev.mlops.core.internal.dataset;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.gc.GcRoots;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The datasets' roots: every version a head, a tag or a version record names (records exist for
 * every committed version, also those that lost a race), with its manifest, chunks and the
 * column sketches of its tables.
 */
public final class DatasetGcRoots implements GcRoots {
  /** Creates the roots; found by {@link java.util.ServiceLoader}. */
  public DatasetGcRoots() {}

  @Override
  public String name() {
    return "datasets";
  }

  @Override
  public void markReachable(ObjectStore store, Consumer<String> reachable) {
    Set<String> ids = new HashSet<>();
    try (Stream<ObjectInfo> refs = store.list(DatasetKeys.ROOT)) {
      for (ObjectInfo info : (Iterable<ObjectInfo>) refs::iterator) {
        String key = info.key();
        if (key.contains("/versions/")) {
          ids.add(key.substring(key.lastIndexOf('/') + 1));
        } else {
          store.get(key).ifPresent(bytes -> ids.add(DatasetKeys.versionId(key, bytes.bytes())));
        }
      }
    }
    VersionReader reader = new VersionReader(store);
    java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(ids);
    while (!queue.isEmpty()) {
      String id = queue.removeFirst();
      Manifest manifest = reader.manifest(id);
      // A view reads its base: the base stays (and its base, for a view of a view).
      manifest.view().map(v -> VersionReader.parseRef(v.base()).versionId())
          .filter(ids::add).ifPresent(queue::addLast);
      reachable.accept(new ChunkRef(id, 0).key());
      for (Manifest.Entry entry : manifest.files()) {
        for (ChunkRef chunk : entry.content().chunks()) {
          reachable.accept(chunk.key());
        }
        if (entry.table().isPresent()) {
          reachable.accept(TableSketches.key(entry.content().sha256()));
        }
      }
    }
  }
}
