package dev.mlops.core.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.ConflictException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.Remedy;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ExperimentLogger.resolve: an id, or a unique prefix of one, as dataset version ids resolve. */
class RunIdPrefixTest {
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final DefaultExperimentLogger tracker = new DefaultExperimentLogger(InMemoryObjectStore.create(),
      executor, Clock.systemUTC(), new SimpleMeterRegistry(), TrackerSettings.DEFAULTS);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private String start() {
    try (Run run = tracker.start(RunSpec.builder().experiment("e").build())) {
      return run.id();
    }
  }

  @Test
  void aFullIdAUniquePrefixAndAnAmbiguousOne() {
    List<String> ids = List.of(start(), start(), start());
    for (String id : ids) {
      assertEquals(id, tracker.resolve(id).id());
      String unique = id;
      for (int n = 1; n < id.length(); n++) {
        String prefix = id.substring(0, n);
        if (ids.stream().filter(other -> other.startsWith(prefix)).count() == 1) {
          unique = prefix;
          break;
        }
      }
      assertEquals(id, tracker.resolve(unique).id());
    }
    // run ids begin with the start time, so runs started together share their first character
    String shared = ids.get(0).substring(0, 1);
    if (ids.stream().allMatch(id -> id.startsWith(shared))) {
      ConflictException e = assertThrows(ConflictException.class, () -> tracker.resolve(shared));
      ids.forEach(id -> assertTrue(e.getMessage().contains(id), e.getMessage()));
    }
  }

  @Test
  void anUnknownIdOrPrefixNamesTheRemedy() {
    start();
    NotFoundException e = assertThrows(NotFoundException.class, () -> tracker.resolve("zzzz"));
    assertEquals(Optional.of(Remedy.LIST_RUNS), e.remedy());
    assertEquals("No run with id 'zzzz' in this store", e.problem());
    assertThrows(NotFoundException.class, () -> tracker.resolve("../x"));
  }
}
