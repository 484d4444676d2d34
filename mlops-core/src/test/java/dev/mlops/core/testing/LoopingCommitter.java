package dev.mlops.core.testing;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.core.MlOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The child JVM of {@link KilledCommits}: {@code <store> <work dir> <first n>} (the store a
 * directory or a URI, as {@link MlOps#toStoreUri} reads it) commits
 * version after version of {@link #files(long)} to dataset {@code d}, with message {@code n=<n>},
 * printing {@code ACK <version id> <n>} after each commit returned, and {@code READY} after the
 * first (so that the kill lands in the steady state, whatever the machine's load).
 */
public final class LoopingCommitter {
  private LoopingCommitter() {}

  public static void main(String[] args) throws IOException {
    long first = Long.parseLong(args[2]);
    Path source = Files.createDirectories(Path.of(args[1]).resolve("source-" + first));
    try (MlOps mlops = MlOps.open(MlOps.toStoreUri(args[0]))) {
      for (long n = first; ; n++) {
        CommitRequest.Builder request = CommitRequest.builder().dataset("d").message("n=" + n)
            .averageChunkSize(16 * 1024);
        for (Map.Entry<String, byte[]> file : files(n).entrySet()) {
          request.add(file.getKey(), Files.write(source.resolve(file.getKey()), file.getValue()));
        }
        DatasetVersion version = mlops.datasets().commit(request.build());
        System.out.println("ACK " + version.ref().versionId() + " " + n);
        if (n == first) {
          System.out.println("READY");
        }
      }
    }
  }

  /**
   * The files of version {@code n}: one that every version shares, one that grows and shrinks
   * (so versions share its first chunks), and one of its own.
   */
  public static Map<String, byte[]> files(long n) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("stable.bin", random(1, 192 * 1024));
    files.put("grow.bin", Arrays.copyOf(random(2, 6 * 48 * 1024), (int) (n % 6 + 1) * 48 * 1024));
    files.put("fresh.bin", random(1000 + n, 96 * 1024));
    return files;
  }

  private static byte[] random(long seed, int size) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
