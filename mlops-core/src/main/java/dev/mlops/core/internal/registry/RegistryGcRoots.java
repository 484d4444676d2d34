package dev.mlops.core.internal.registry;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.content.ContentKeys;
import dev.mlops.core.internal.gc.GcMarks;
import dev.mlops.core.internal.gc.GcRoots;
import dev.mlops.core.internal.gc.GcScope;
import dev.mlops.core.internal.registry.Docs.FileDoc;
import dev.mlops.core.internal.registry.Docs.GateDoc;
import dev.mlops.core.internal.registry.Docs.VersionDoc;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The registry's roots: every artifact file of every registered model version (versions are never
 * deleted), the dataset versions their lineage names, and the dataset version every stored gate
 * version validates on (gate versions are never deleted either: the history names them).
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
      keys = refs.map(ObjectInfo::key).filter(k -> RegistryKeys.isVersion(k) || RegistryKeys.isGate(k)).toList();
    }
    for (String key : keys) {
      byte[] bytes = store.get(key).orElseThrow(() -> new IllegalStateException(
          "registry document " + key + " vanished while marking; run the collection again")).bytes();
      if (RegistryKeys.isGate(key)) {
        GateDoc gate = Docs.gate(bytes, key);
        marks.datasetVersion(gate.dataset.substring(gate.dataset.indexOf('@') + 1));
        continue;
      }
      if (Docs.isSeal(bytes)) {
        continue;
      }
      VersionDoc doc = Docs.version(bytes, key);
      for (FileDoc file : doc.files) {
        marks.object(ContentKeys.keyOf(HexFormat.of().parseHex(file.sha256)));
      }
      for (String dataset : doc.datasets) {
        marks.datasetVersion(dataset.substring(dataset.indexOf('@') + 1));
      }
    }
  }
}
