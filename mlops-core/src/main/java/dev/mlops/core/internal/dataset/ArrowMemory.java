package dev.mlops.core.internal.dataset;

import dev.mlops.api.MissingJvmOptionException;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Checks that Arrow can wrap its memory in {@code java.nio} buffers, as its IPC writer and reader
 * do for every batch. On JDK 17+ that needs {@code java.nio} opened to Arrow; without it Arrow
 * fails in the middle of a write with a raw {@code UnsupportedOperationException} about JDK
 * internals. Tables are written and read only after this check, so a user who lacks the option
 * learns which one and where to put it, before anything was stored.
 */
final class ArrowMemory {
  static final String OPTION = "--add-opens=java.base/java.nio=ALL-UNNAMED";

  /** Set once the probe passed: the JVM's options cannot change afterwards. */
  private static volatile boolean accessible;

  private ArrowMemory() {}

  /**
   * Passes when Arrow can wrap its memory in {@code java.nio} buffers.
   *
   * @throws MissingJvmOptionException if the JVM lacks {@link #OPTION}
   */
  static void requireNioAccess() {
    if (accessible) {
      return;
    }
    try (BufferAllocator allocator = new RootAllocator(); ArrowBuf probe = allocator.buffer(1)) {
      probe.nioBuffer(0, 1); // the call Arrow's IPC channels make for each buffer they write
    } catch (UnsupportedOperationException e) {
      throw new MissingJvmOptionException(OPTION, message(), e);
    }
    accessible = true;
  }

  private static String message() {
    return "Arrow cannot use java.nio in this JVM, so tables cannot be stored or read: start the JVM with "
        + OPTION + ". Where it goes:\n"
        + "  java command:     java " + OPTION + " -jar app.jar (or -cp ...), or JDK_JAVA_OPTIONS=\"" + OPTION + "\"\n"
        + "  executable jar:   the manifest entry 'Add-Opens: java.base/java.nio'\n"
        + "  Maven exec:java:  MAVEN_OPTS=\"" + OPTION + "\" or a line in .mvn/jvm.config (exec:java runs in Maven's JVM)\n"
        + "  Maven tests:      <argLine>" + OPTION + "</argLine> in maven-surefire-plugin's configuration\n"
        + "  Gradle:           application { applicationDefaultJvmArgs = ['" + OPTION + "'] }"
        + " and tasks.withType(Test) { jvmArgs '" + OPTION + "' }\n"
        + "(docs/getting-started.md shows each)";
  }
}
