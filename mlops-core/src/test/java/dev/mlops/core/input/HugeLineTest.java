package dev.mlops.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CSV with one line of 512 MiB, read by a real child JVM whose heap is 64 MiB. */
@DisplayName("A 512 MiB CSV line")
class HugeLineTest {
  private static final long LINE_BYTES = 512L << 20;

  @TempDir Path dir;

  @Test
  @DisplayName("fails with a short typed error naming the file, the line and the limit, in a 64 MiB heap")
  void failsInBoundedMemory() throws Exception {
    Path csv = dir.resolve("huge.csv");
    try (RandomAccessFile file = new RandomAccessFile(csv.toFile(), "rw")) {
      file.write("a,b\n1,2\n3,\"".getBytes(StandardCharsets.US_ASCII));
      // The rest is a hole of zero bytes (each a valid UTF-8 character): 512 MiB on the line, no disk used.
      file.setLength(LINE_BYTES);
    }

    Process child = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
            HugeLineReader.class.getName(), dir.resolve("store").toString(), csv.toString()))
        .redirectError(dir.resolve("child.err").toFile())
        .redirectOutput(dir.resolve("child.out").toFile())
        .start();
    assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child finishes");

    String err = Files.readString(dir.resolve("child.err"));
    List<String> out = Files.readAllLines(dir.resolve("child.out"));
    assertEquals(0, child.exitValue(), err);
    assertEquals(2, out.size(), String.join("\n", out));
    for (String line : out) {
      assertTrue(line.contains(csv + " line 3: the record is longer than 8,388,608 characters"), line);
      int length = Integer.parseInt(line.split(" ")[2]);
      assertTrue(length < 400, "the message does not repeat the value: " + line);
    }
    assertTrue(out.get(0).startsWith("dataset: MlOpsException"), out.get(0));
    assertTrue(out.get(1).startsWith("validation: IllegalArgumentException"), out.get(1));
    assertTrue(!err.contains("OutOfMemoryError"), err);
  }
}
