package dev.mlops.core.internal.registry;

import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.content.ContentKeys;
import dev.mlops.core.internal.gc.GcRoots;
import dev.mlops.core.internal.registry.Docs.FileDoc;
import dev.mlops.core.internal.registry.Docs.VersionDoc;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** The registry's roots: every artifact file of every registered model version (versions are never deleted). */
public final class RegistryGcRoots implements GcRoots {
  /** Creates the roots; found by {@link java.util.ServiceLoader}. */
  public RegistryGcRoots() {}

  @Override
  public String name() {
    return "models";
  }

  @Override
  public void markReachable(ObjectStore store, Consumer<String> reachable) {
    List<String> keys;
    try (Stream<ObjectInfo> refs = store.list(RegistryKeys.MODELS)) {
      keys = refs.map(ObjectInfo::key).filter(key -> key.contains("/versions/")).toList();
    }
    for (String key : keys) {
      byte[] bytes = store.get(key).orElseThrow(() -> new IllegalStateException(
          "model version " + key + " vanished while marking; run the collection again")).bytes();
      VersionDoc doc = Docs.version(bytes, key);
      for (FileDoc file : doc.files) {
        reachable.accept(ContentKeys.keyOf(HexFormat.of().parseHex(file.sha256)));
      }
    }
  }
}
