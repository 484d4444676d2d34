package dev.mlops.core.internal.dataset;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.core.MlOps;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** The child JVM of {@link DatasetCrashTest}: commits a large directory until it is killed. */
public final class CrashingCommitter {
  private CrashingCommitter() {}

  public static void main(String[] args) {
    try (MlOps mlops = MlOps.local(Path.of(args[0]))) {
      new DefaultDatasetStore(mlops.store(), Clock.systemUTC(), Optional.empty())
          .commit(CommitRequest.builder().dataset("d").add("big", Path.of(args[1]))
              .averageChunkSize(16 * 1024).message("never lands").build());
    }
  }
}
