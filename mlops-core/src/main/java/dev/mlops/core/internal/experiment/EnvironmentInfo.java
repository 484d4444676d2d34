package dev.mlops.core.internal.experiment;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment a run starts in: JVM, OS, CPUs, max heap, and the class path as artifact
 * coordinates. A jar from a Maven repository layout ({@code .../group/path/artifact/version/
 * artifact-version.jar}) becomes {@code group:artifact:version}; any other entry is recorded by
 * its file name. No jar is opened, so capturing costs microseconds even for long class paths.
 */
final class EnvironmentInfo {
  private EnvironmentInfo() {}

  static Map<String, String> capture() {
    Map<String, String> env = new TreeMap<>();
    env.put("java.version", System.getProperty("java.version", "?"));
    env.put("java.vendor", System.getProperty("java.vendor", "?"));
    env.put("java.vm", System.getProperty("java.vm.name", "?"));
    env.put("os", System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "")
        + " " + System.getProperty("os.arch", ""));
    env.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
    env.put("max_heap_bytes", Long.toString(Runtime.getRuntime().maxMemory()));
    env.put("classpath", String.join(",", coordinates(System.getProperty("java.class.path", ""))));
    return env;
  }

  static List<String> coordinates(String classPath) {
    List<String> out = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        out.add(coordinate(entry.replace('\\', '/')));
      }
    }
    return out;
  }

  static String coordinate(String entry) {
    String[] parts = entry.split("/");
    int n = parts.length;
    if (n >= 4 && parts[n - 1].endsWith(".jar")) {
      String version = parts[n - 2];
      String artifact = parts[n - 3];
      if (parts[n - 1].startsWith(artifact + "-" + version)) {
        int repo = -1;
        for (int i = 0; i < n - 3; i++) {
          if (parts[i].equals("repository")) {
            repo = i;
          }
        }
        if (repo >= 0 && repo < n - 4) {
          String group = String.join(".", java.util.Arrays.copyOfRange(parts, repo + 1, n - 3));
          return group + ":" + artifact + ":" + version;
        }
      }
    }
    return parts[n - 1].isEmpty() && n > 1 ? parts[n - 2] : parts[n - 1];
  }
}
