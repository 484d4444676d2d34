package dev.mlops.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Streams 1 GiB into the store and back out in a child JVM whose heap is capped at 256 MiB (the
 * issue's target), against a disk-backed S3Proxy in this JVM: the upload goes up in 8 MiB parts,
 * at most four in memory (and in flight) at a time, and the download streams. The child checks the SHA-256 of what it read
 * against what it wrote. Set {@code -Dmlops.s3.flatMemoryBytes=...} to try another size.
 */
class FlatMemoryTest {
  private static final long SIZE = Long.getLong("mlops.s3.flatMemoryBytes", 1L << 30);

  @TempDir Path dir;

  @Test
  void oneGibibyteStreamsThroughA256MibHeap() throws Exception {
    try (S3TestServer server = S3TestServer.start()) {
      Path output = dir.resolve("child.out");
      Process child = start(server, output);
      boolean finished = child.waitFor(10, TimeUnit.MINUTES); // a hang guard, not a timing
      if (!finished) {
        child.destroyForcibly();
      }
      String printed = Files.readString(output, StandardCharsets.UTF_8);
      System.out.println("child JVM: " + printed.strip());
      assertTrue(finished, "the child JVM did not finish: " + printed);
      assertEquals(0, child.exitValue(), "child JVM failed: " + printed);
      assertTrue(printed.contains("size=" + SIZE + " read=" + SIZE + " sha256Match=true"),
          printed);
      try (S3Client raw = server.rawClient()) {
        assertEquals(List.of(), raw.listMultipartUploads(b -> b.bucket(S3TestServer.BUCKET))
            .uploads(), "no multipart upload is left behind");
      }
    }
  }

  private static Process start(S3TestServer server, Path output) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(LargeObjectChild.class.getName());
    command.add(server.endpoint().toString());
    command.add("flat-memory");
    command.add(Long.toString(SIZE));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
  }
}
