package dev.mlops.core.internal.dataset;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.core.MlOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The child JVM of the dataset crash tests. {@code <store> <big dir>} ({@link DatasetCrashTest}):
 * commits a large directory until it is killed. {@code <store> loop <work dir> <first n>}
 * ({@link KilledCommitCampaignTest}): prints {@code READY}, then commits version after version of
 * {@link #files(long)} to dataset {@code d}, with message {@code n=<n>}, printing
 * {@code ACK <version id> <n>} after each commit returned.
 */
public final class CrashingCommitter {
  private CrashingCommitter() {}

  public static void main(String[] args) throws IOException {
    if (args[1].equals("loop")) {
      commitForever(Path.of(args[0]), Path.of(args[2]), Long.parseLong(args[3]));
      return;
    }
    try (MlOps mlops = MlOps.local(Path.of(args[0]))) {
      new DefaultDatasetStore(mlops.store(), Clock.systemUTC(), Optional.empty())
          .commit(CommitRequest.builder().dataset("d").add("big", Path.of(args[1]))
              .averageChunkSize(16 * 1024).message("never lands").build());
    }
  }

  private static void commitForever(Path store, Path work, long first) throws IOException {
    Path source = Files.createDirectories(work.resolve("source-" + first));
    try (MlOps mlops = MlOps.local(store)) {
      System.out.println("READY");
      for (long n = first; ; n++) {
        CommitRequest.Builder request = CommitRequest.builder().dataset("d").message("n=" + n)
            .averageChunkSize(16 * 1024);
        for (Map.Entry<String, byte[]> file : files(n).entrySet()) {
          request.add(file.getKey(), Files.write(source.resolve(file.getKey()), file.getValue()));
        }
        DatasetVersion version = mlops.datasets().commit(request.build());
        System.out.println("ACK " + version.ref().versionId() + " " + n);
      }
    }
  }

  /**
   * The files of version {@code n}: one that every version shares, one that grows and shrinks
   * (so versions share its first chunks), and one of its own.
   */
  static Map<String, byte[]> files(long n) {
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
