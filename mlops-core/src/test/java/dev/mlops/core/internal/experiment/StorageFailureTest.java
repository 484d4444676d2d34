package dev.mlops.core.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.StorageUnavailableException;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import dev.mlops.core.testing.Eventually;
import dev.mlops.core.testing.ForwardingStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A store whose segment writes fail: flush reports it, nothing acknowledged is lost. */
class StorageFailureTest {
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final FlakyStore store = new FlakyStore(InMemoryObjectStore.create());
  private final DefaultExperimentLogger tracker = new DefaultExperimentLogger(store, executor,
      Clock.systemUTC(), new SimpleMeterRegistry(), TrackerSettings.DEFAULTS);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void flushFailsWhileTheStoreIsDownAndSucceedsWithEveryPointOnceItIsBack() {
    Run run = tracker.start(RunSpec.builder().experiment("flaky").build());
    for (int i = 0; i < 1000; i++) {
      run.log("x", i, i);
    }
    store.failSegments = true;
    StorageUnavailableException e = assertThrows(StorageUnavailableException.class, run::flush);
    assertTrue(e.getMessage().contains("retried"), e.getMessage());
    store.failSegments = false;
    run.flush();
    assertEquals(1000, tracker.history(run.id(), "x").size());
    run.close();
  }

  @Test
  void closeEndsEvenWhenTheStoreStaysDown() {
    Run run = tracker.start(RunSpec.builder().experiment("flaky").build());
    run.log("x", 1.0, 0);
    store.failSegments = true;
    // The writer gives up after 5 failed writes while closing; the bound only catches a hang.
    assertTimeoutPreemptively(Eventually.BOUND,
        () -> assertThrows(StorageUnavailableException.class, run::close));
    var info = tracker.run(run.id()).orElseThrow();
    assertEquals(dev.mlops.api.experiment.RunStatus.FAILED, info.status(),
        "points were lost, so the run is not FINISHED");
    assertTrue(info.failure().orElseThrow().contains("could not be written"));
  }

  /** Delegates everything; throws on metric segment writes while {@code failSegments}. */
  static final class FlakyStore extends ForwardingStore {
    volatile boolean failSegments;

    FlakyStore(ObjectStore delegate) {
      super(delegate);
    }

    @Override
    public boolean putIfAbsent(String key, InputStream content) {
      if (failSegments && key.contains("/metrics/")) {
        throw new StorageUnavailableException("disk full (simulated)");
      }
      return real.putIfAbsent(key, content);
    }
  }
}
