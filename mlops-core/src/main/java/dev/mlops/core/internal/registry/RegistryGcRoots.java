package dev.mlops.core.internal.registry;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.content.ContentKeys;
import dev.mlops.core.internal.gc.GcMarks;
import dev.mlops.core.internal.gc.GcRoots;
import dev.mlops.core.internal.gc.GcScope;
import dev.mlops.core.internal.registry.Docs.FileDoc;
import dev.mlops.core.internal.registry.Docs.VersionDoc;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The registry's roots: every artifact file of every registered model version (versions are never
 * deleted), and the dataset versions their lineage names.
 */
public final class RegistryGcRoots implements GcRoots {
  /** Creates the roots; found by {@link java.util.ServiceLoader}. */
  public RegistryGcRoots() {}

  @Override
  public String name() {
    return "models";
  }

  @Override
  public List<String> areas() {
    return List.of(RegistryKeys.MODELS, "logs/models/");
  }

  @Override
  public void mark(GcScope scope, GcMarks marks) {
    ObjectStore store = scope.store();
    List<String> keys;
    try (Stream<ObjectInfo> refs = store.list(RegistryKeys.MODELS)) {
      keys = refs.map(ObjectInfo::key).filter(RegistryGcRoots::isVersion).toList();
    }
    for (String key : keys) {
      byte[] bytes = store.get(key).orElseThrow(() -> new IllegalStateException(
          "model version " + key + " vanished while marking; run the collection again")).bytes();
      VersionDoc doc = Docs.version(bytes, key);
      for (FileDoc file : doc.files) {
        marks.object(ContentKeys.keyOf(HexFormat.of().parseHex(file.sha256)));
      }
      for (String dataset : doc.datasets) {
        marks.datasetVersion(dataset.substring(dataset.indexOf('@') + 1));
      }
    }
  }

  /** Tells a version document ({@code refs/models/<model>/versions/<N>}) from other keys. */
  private static boolean isVersion(String key) {
    String[] segments = key.split("/");
    return segments.length == 5 && segments[3].equals("versions");
  }
}
