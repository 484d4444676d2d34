package dev.mlops.core.internal.gc;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.core.MlOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

/**
 * The child JVM of {@link KilledCollectionCampaignTest}: {@code <store> <work dir> <first n>},
 * for n, n+1, ...: commits 256 KB of fresh 4 KB chunks to dataset
 * {@code junk} and deletes that head again (garbage for the collection), commits {@link #data} of
 * n to dataset {@code keep} and prints {@code ACK <version id> <n>}, then prints {@code COLLECTING}
 * and collects with zero grace, printing {@code COLLECTED <objects>} when it returned; {@code
 * READY} after the first collection (so that the kill lands in the steady state, whatever the
 * machine's load).
 */
public final class CollectingChild {
  private CollectingChild() {}

  public static void main(String[] args) throws IOException {
    Path work = Path.of(args[1]);
    long first = Long.parseLong(args[2]);
    try (MlOps mlops = MlOps.local(Path.of(args[0]))) {
      for (long n = first; ; n++) {
        Path junk = Files.write(work.resolve("junk-" + first), bytes(-1 - n, 256 * 1024));
        mlops.datasets().commit(CommitRequest.builder().dataset("junk").head("h")
            .add("junk.bin", junk).averageChunkSize(4 * 1024).build());
        mlops.datasets().deleteHead("junk", "h");
        Path keep = Files.write(work.resolve("keep-" + first), data(n));
        DatasetVersion version = mlops.datasets().commit(CommitRequest.builder().dataset("keep")
            .add("data.bin", keep).averageChunkSize(4 * 1024).build());
        System.out.println("ACK " + version.ref().versionId() + " " + n);
        System.out.println("COLLECTING");
        System.out.println("COLLECTED " + mlops.inspector().gc(Duration.ZERO, false).collected());
        if (n == first) {
          System.out.println("READY");
        }
      }
    }
  }

  /** What version n of dataset keep holds. */
  static byte[] data(long n) {
    return bytes(n, 32 * 1024);
  }

  private static byte[] bytes(long seed, int size) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
