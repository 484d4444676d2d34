package dev.mlops.storage.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a test main class in a separate JVM with this JVM's class path. */
final class ChildJvm {
  private ChildJvm() {}

  static ProcessBuilder builder(Class<?> mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Xmx256m");
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  static Process start(Class<?> mainClass, Path stderr, String... args) throws IOException {
    return builder(mainClass, args)
        .redirectError(stderr.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}
