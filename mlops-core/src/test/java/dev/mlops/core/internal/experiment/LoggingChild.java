package dev.mlops.core.internal.experiment;

import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.storage.fs.FileSystemObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * A separate JVM for the crash and many-writer tests and {@link KilledLoggingCampaignTest}.
 * {@code <store> forever}: prints {@code RUN <id>}, then logs point after point, printing
 * {@code FLUSHED <last step>} each time a flush() returned (and {@code READY} after the first),
 * until killed.
 * {@code <store> finite <n>}: logs n points, closes the run and prints {@code DONE}.
 */
public final class LoggingChild {
  private LoggingChild() {}

  public static void main(String[] args) {
    var store = FileSystemObjectStore.open(Path.of(args[0]));
    var tracker = new DefaultExperimentLogger(store, Executors.newCachedThreadPool(),
        Clock.systemUTC(), new SimpleMeterRegistry(), new TrackerSettings(Duration.ofMillis(200),
            Duration.ofMillis(200), Duration.ofMillis(1000)));
    Run run = tracker.start(RunSpec.builder().experiment("shared").build());
    System.out.println("RUN " + run.id());
    System.out.flush();
    if (args[1].equals("finite")) {
      long n = Long.parseLong(args[2]);
      for (long i = 0; i < n; i++) {
        run.log("x", i * 0.5, i);
      }
      run.close();
      System.out.println("DONE");
      System.exit(0);
    }
    for (long i = 0; ; i++) {
      run.log("x", i % 1000 == 0 ? Double.NaN : i * 0.5, i);
      if (i % 50_000 == 49_999) {
        run.flush();
        System.out.println("FLUSHED " + i);
        if (i == 49_999) {
          System.out.println("READY");
        }
        System.out.flush();
      }
    }
  }
}
