package dev.mlops.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.NotFoundException;
import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import dev.mlops.storage.fs.FileSystemObjectStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AliasesTest {
  @TempDir Path dir;
  RegistryFixture fx;

  @AfterEach
  void close() {
    if (fx != null) {
      fx.close();
    }
  }

  RegistryFixture withVersions(int count) {
    fx = new RegistryFixture(InMemoryObjectStore.create(), dir);
    for (int i = 0; i < count; i++) {
      fx.register("churn", i);
    }
    return fx;
  }

  @Test
  void twoAliasesSwapInOneStepAndTheHistoryRecordsBoth() {
    withVersions(2);
    fx.registry.moveAliases("churn", Map.of("champion", 1, "challenger", 2), "ana", "first rollout");
    List<AliasMove> swap = fx.registry.moveAliases("churn", Map.of("champion", 2, "challenger", 1), "ben", "swap");
    assertEquals(Map.of("champion", 2, "challenger", 1), fx.registry.aliases("churn"));
    assertEquals(2, swap.size());
    assertEquals(swap.get(0).at(), swap.get(1).at(), "both moves are one entry");
    AliasMove championMove = fx.registry.aliasHistory("churn", "champion").get(1);
    assertEquals(OptionalInt.of(1), championMove.from());
    assertEquals(OptionalInt.of(2), championMove.to());
    assertEquals("ben", championMove.actor());
    assertEquals("swap", championMove.reason());
    assertEquals(2, fx.registry.resolve("churn@champion").version());
  }

  @Test
  void aliasAtTellsWhereTheAliasPointedAtAnyTime() {
    withVersions(3);
    Instant beforeAll = fx.clock.instant();
    fx.clock.advance(Duration.ofHours(1));
    fx.moveAlias("churn", "production", 1);
    Instant afterFirst = fx.clock.instant();
    fx.clock.advance(Duration.ofHours(1));
    fx.moveAlias("churn", "production", 3);
    Instant afterSecond = fx.clock.instant();
    assertEquals(Optional.empty(), fx.registry.aliasAt("churn", "production", beforeAll));
    assertEquals(1, fx.registry.aliasAt("churn", "production", afterFirst).map(ModelVersion::version).orElseThrow());
    assertEquals(3, fx.registry.aliasAt("churn", "production", afterSecond).map(ModelVersion::version).orElseThrow());
  }

  @Test
  void rollbackMovesBackToThePreviousTargetAndIsRecorded() {
    withVersions(2);
    fx.moveAlias("churn", "production", 1);
    fx.moveAlias("churn", "production", 2);
    AliasMove back = fx.registry.rollback("churn", "production", "oncall", "latency regression");
    assertEquals(OptionalInt.of(2), back.from());
    assertEquals(OptionalInt.of(1), back.to());
    assertEquals(1, fx.registry.resolve("churn@production").version());
    assertEquals(3, fx.registry.aliasHistory("churn", "production").size());
    fx.moveAlias("churn", "fresh", 1);
    assertThrows(NotFoundException.class, () -> fx.registry.rollback("churn", "fresh", "oncall", "nothing before"));
  }

  @Test
  void removingAnAliasIsAMoveToNothingInTheHistoryAndRollbackBringsItBack() {
    withVersions(2);
    fx.moveAlias("churn", "champion", 2);
    Instant whilePointing = fx.clock.instant();
    fx.clock.advance(Duration.ofHours(1));

    AliasMove removal = fx.registry.removeAlias("churn", "champion", "ana", "retired");

    assertEquals(OptionalInt.of(2), removal.from());
    assertEquals(OptionalInt.empty(), removal.to());
    assertEquals("ana", removal.actor());
    assertEquals(Map.of(), fx.registry.aliases("churn"));
    assertThrows(NotFoundException.class, () -> fx.registry.resolve("churn@champion"));
    assertEquals(removal, fx.registry.aliasHistory("churn", "champion").get(1));
    assertEquals(2, fx.registry.aliasAt("churn", "champion", whilePointing).orElseThrow().version());
    assertEquals(Optional.empty(), fx.registry.aliasAt("churn", "champion", fx.clock.instant()));
    assertEquals(OptionalInt.of(2), fx.registry.rollback("churn", "champion", "ben", "undo").to());
    assertEquals(2, fx.registry.resolve("churn@champion").version());
  }

  @Test
  void removingAProtectedOrMissingAliasIsRefusedWithItsOwnError() {
    withVersions(1);
    fx.moveAlias("churn", "production", 1);
    fx.registry.protect("churn", "production", dev.mlops.api.registry.AliasPolicy.gateAndApprovals(1));
    dev.mlops.api.GateFailedException denied = assertThrows(dev.mlops.api.GateFailedException.class,
        () -> fx.registry.removeAlias("churn", "production", "ana", "oops"));
    assertTrue(denied.getMessage().contains("requestPromotion"), denied.getMessage());
    assertEquals(Map.of("production", 1), fx.registry.aliases("churn"));
    NotFoundException missing = assertThrows(NotFoundException.class,
        () -> fx.registry.removeAlias("churn", "staging", "ana", "oops"));
    assertTrue(missing.getMessage().contains("[production]"), missing.getMessage());
    assertEquals(1, fx.registry.aliasHistory("churn", "production").size());
  }

  @Test
  void movingToAMissingVersionIsRefusedBeforeAnythingIsRecorded() {
    withVersions(1);
    assertThrows(NotFoundException.class, () -> fx.moveAlias("churn", "production", 9));
    assertTrue(fx.registry.aliasHistory("churn", "production").isEmpty());
  }

  @Test
  void concurrentMovesFromTwoRegistriesOnOneFileStoreLoseNothing() throws Exception {
    Path storeDir = dir.resolve("store");
    fx = new RegistryFixture(FileSystemObjectStore.open(storeDir), dir);
    fx.register("churn", 0f);
    fx.register("churn", 1f);
    try (RegistryFixture other = new RegistryFixture(FileSystemObjectStore.open(storeDir), dir)) {
      int perThread = 15;
      ExecutorService pool = Executors.newFixedThreadPool(4);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        DefaultModelRegistry registry = t % 2 == 0 ? fx.registry : other.registry;
        String actor = "writer-" + t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            registry.moveAliases("churn", Map.of("production", 1 + (i % 2)), actor, "move " + i);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      List<AliasMove> history = fx.registry.aliasHistory("churn", "production");
      assertEquals(4 * perThread, history.size(), "every move is recorded");
      assertEquals(history, other.registry.aliasHistory("churn", "production"), "both processes see one order");
      for (int i = 1; i < history.size(); i++) {
        assertEquals(history.get(i - 1).to(), history.get(i).from(), "each move starts where the last ended");
      }
      for (int t = 0; t < 4; t++) {
        String actor = "writer-" + t;
        List<String> reasons = history.stream().filter(m -> m.actor().equals(actor)).map(AliasMove::reason).toList();
        assertEquals(java.util.stream.IntStream.range(0, perThread).mapToObj(i -> "move " + i).toList(), reasons,
            "one writer's moves appear in the order it made them");
      }
    }
  }
}
