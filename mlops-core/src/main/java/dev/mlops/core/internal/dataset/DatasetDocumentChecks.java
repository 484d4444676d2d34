package dev.mlops.core.internal.dataset;

import dev.mlops.api.IntegrityException;
import dev.mlops.core.internal.storage.PrefixDocumentChecks;

/**
 * The datasets' documents: heads and tags (a version id each) and version records (the commit
 * time). Manifests are content objects, checked against their address.
 */
public final class DatasetDocumentChecks extends PrefixDocumentChecks {
  /** Creates the checks; found by {@link java.util.ServiceLoader}. */
  public DatasetDocumentChecks() {
    super("datasets", DatasetKeys.ROOT);
  }

  @Override
  public void check(String key, byte[] body) {
    String[] parts = key.substring(DatasetKeys.ROOT.length()).split("/");
    String kind = parts.length == 3 ? parts[1] : "";
    switch (kind) {
      case "heads", "tags" -> DatasetKeys.versionId(key, body);
      case "versions" -> {
        if (!parts[2].matches("[0-9a-f]{64}")) {
          throw new IntegrityException("Dataset version record '" + key + "' is not named by a"
              + " version id; it is no document of this version of mlops");
        }
        VersionReader.VersionRecord.decode(key, body);
      }
      default -> throw new IntegrityException("'" + key + "' is no dataset document this version"
          + " of mlops knows (refs/datasets/<name>/heads|tags|versions/<x>)");
    }
  }
}
