package dev.mlops.storage.s3;

import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.core.MlOps;
import java.net.URI;

/**
 * The child JVM of {@link S3ManyWritersTest}: logs {@code n} points of metric {@code x} to a new
 * run of experiment {@code shared} in the store at the given endpoint and prefix, closes the run
 * and prints {@code DONE <run id>}.
 */
public final class RunLoggingChild {
  private RunLoggingChild() {}

  /**
   * Logs the points.
   *
   * @param args the server's endpoint, the store prefix, the number of points
   */
  public static void main(String[] args) {
    long n = Long.parseLong(args[2]);
    try (S3ObjectStore store = S3TestServer.storeBuilder(URI.create(args[0])).prefix(args[1])
            .build();
        MlOps mlops = MlOps.builder().store(store).build()) {
      String id;
      try (Run run = mlops.experiments().start(RunSpec.builder().experiment("shared").build())) {
        id = run.id();
        for (long i = 0; i < n; i++) {
          run.log("x", i * 0.5, i);
        }
      }
      System.out.println("DONE " + id);
    }
  }
}
