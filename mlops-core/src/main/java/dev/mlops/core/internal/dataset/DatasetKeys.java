package dev.mlops.core.internal.dataset;

import dev.mlops.api.IntegrityException;
import java.nio.charset.StandardCharsets;

/**
 * Where datasets live in a store. Manifests and chunks are content objects; per dataset:
 *
 * <pre>
 * refs/datasets/&lt;name&gt;/heads/&lt;head&gt;      the head's version id, moved by compare-and-set
 * refs/datasets/&lt;name&gt;/tags/&lt;tag&gt;        a version id, created once by put-if-absent
 * refs/datasets/&lt;name&gt;/versions/&lt;id&gt;     the version's record (commit time), created once
 * </pre>
 *
 * The version records index every version ever committed (also those that lost a race), so id
 * prefixes resolve by listing and garbage collection keeps every committed version.
 */
final class DatasetKeys {
  static final String ROOT = "refs/datasets/";

  private DatasetKeys() {}

  static String head(String dataset, String head) {
    return ROOT + dataset + "/heads/" + head;
  }

  static String tag(String dataset, String tag) {
    return ROOT + dataset + "/tags/" + tag;
  }

  static String version(String dataset, String id) {
    return ROOT + dataset + "/versions/" + id;
  }

  static String heads(String dataset) {
    return ROOT + dataset + "/heads/";
  }

  static String tags(String dataset) {
    return ROOT + dataset + "/tags/";
  }

  static String versions(String dataset) {
    return ROOT + dataset + "/versions/";
  }

  /**
   * Reads the version id a head or a tag holds: exactly 64 lowercase hex characters.
   *
   * @throws IntegrityException if the ref holds anything else
   */
  static String versionId(String key, byte[] ref) {
    String id = new String(ref, StandardCharsets.UTF_8);
    if (!id.matches("[0-9a-f]{64}")) {
      throw new IntegrityException("Dataset ref '" + key + "' is damaged: it holds no version id;"
          + " restore it from a backup, or point it again at a version listed by 'mlops data log'");
    }
    return id;
  }
}
