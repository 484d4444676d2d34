package dev.mlops.core.internal.registry;

/**
 * Where the registry keeps its objects. Version numbers and log sequence numbers are zero-padded so
 * that listings (sorted by key) come out in numeric order.
 *
 * <pre>
 * refs/models/&lt;model&gt;/versions/&lt;0000000001&gt;   a version's document, claimed once by putIfAbsent
 * refs/models/&lt;model&gt;/gates/&lt;alias&gt;/&lt;0000000001&gt;  an alias's stored gate, one immutable
 *                                               document per version, claimed by putIfAbsent
 * logs/models/&lt;model&gt;/aliases/&lt;0000000001&gt;    the model's append-only history: alias moves,
 *                                               protections, gates set, promotion requests and
 *                                               decisions
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

  static String gatesPrefix(String model, String alias) {
    return MODELS + model + "/gates/" + alias + "/";
  }

  static String gate(String model, String alias, int version) {
    return gatesPrefix(model, alias) + pad(version);
  }

  /** Tells a gate document ({@code refs/models/<model>/gates/<alias>/<N>}) from other keys. */
  static boolean isGate(String key) {
    String[] segments = key.split("/");
    return segments.length == 6 && segments[0].equals("refs") && segments[3].equals("gates");
  }

  /** Tells a version document ({@code refs/models/<model>/versions/<N>}) from other keys. */
  static boolean isVersion(String key) {
    String[] segments = key.split("/");
    return segments.length == 5 && segments[3].equals("versions");
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
