package dev.mlops.core.internal.registry;

/**
 * Where the registry keeps its objects. Version numbers and log sequence numbers are zero-padded so
 * that listings (sorted by key) come out in numeric order.
 *
 * <pre>
 * refs/models/&lt;model&gt;/versions/&lt;0000000001&gt;   a version's document, claimed once by putIfAbsent
 * logs/models/&lt;model&gt;/aliases/&lt;0000000001&gt;    the model's append-only history: alias moves,
 *                                               protections, promotion requests and decisions
 * objects/sha256/..                           the artifacts' bytes (content addressed)
 * </pre>
 */
final class RegistryKeys {
  static final String MODELS = "refs/models/";

  private RegistryKeys() {}

  static String versionsPrefix(String model) {
    return MODELS + model + "/versions/";
  }

  static String version(String model, int version) {
    return versionsPrefix(model) + pad(version);
  }

  static String logPrefix(String model) {
    return "logs/models/" + model + "/aliases/";
  }

  static String logEntry(String model, long seq) {
    return logPrefix(model) + pad(seq);
  }

  /** The version number a version key ends with. */
  static int versionOf(String key) {
    return Integer.parseInt(key.substring(key.lastIndexOf('/') + 1));
  }

  private static String pad(long number) {
    return String.format("%010d", number);
  }
}
