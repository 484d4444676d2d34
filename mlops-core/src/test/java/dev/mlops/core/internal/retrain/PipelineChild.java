package dev.mlops.core.internal.retrain;

import dev.mlops.api.storage.ObjectStore;
import dev.mlops.storage.fs.FileSystemObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Runs the crash pipeline in a child JVM: args are the store directory, the work directory, the run id. */
public final class PipelineChild {
  private PipelineChild() {}

  public static void main(String[] args) {
    Path work = Path.of(args[1]);
    try (ObjectStore store = FileSystemObjectStore.open(Path.of(args[0]))) {
      new DefaultRetraining(store, new SimpleMeterRegistry(), Clock.systemUTC())
          .run(CrashPipeline.build(store, work), args[2], Map.of("trigger", "churn-7"));
    }
  }
}
