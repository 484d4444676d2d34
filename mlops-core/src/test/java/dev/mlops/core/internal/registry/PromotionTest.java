package dev.mlops.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.ConflictException;
import dev.mlops.api.GateFailedException;
import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.AliasPolicy;
import dev.mlops.api.registry.GateDecision;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.registry.PromotionGate;
import dev.mlops.api.registry.PromotionRequest;
import dev.mlops.api.registry.PromotionStatus;
import dev.mlops.api.registry.RegistryListener;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromotionTest {
  @TempDir Path dir;
  RegistryFixture fx;
  final List<String> events = new CopyOnWriteArrayList<>();
  /** What the registry's extra gate, given when it was built, answers. */
  final AtomicReference<PromotionGate> extra = new AtomicReference<>(PromotionGate.OPEN);

  @BeforeEach
  void setUp() {
    fx = new RegistryFixture(InMemoryObjectStore.create(), dir, (candidate, alias) -> extra.get()
        .evaluate(candidate, alias));
    fx.register("churn", 0f);
    fx.register("churn", 1f);
    fx.moveAlias("churn", "production", 1);
    fx.registry.addListener(new RegistryListener() {
      @Override
      public void aliasMoved(AliasMove move) {
        events.add("moved " + move.alias() + " " + move.to().getAsInt());
      }

      @Override
      public void promotionRequested(PromotionRequest request) {
        events.add("requested " + request.id());
      }

      @Override
      public void promotionApproved(PromotionRequest request) {
        events.add("approved " + request.id());
      }

      @Override
      public void promotionRejected(PromotionRequest request) {
        events.add("rejected " + request.id());
      }
    });
  }

  @AfterEach
  void close() {
    fx.close();
  }

  @Test
  void aProtectedAliasMovesOnlyAfterTheGateAndTwoDistinctApprovals() {
    fx.registry.protect("churn", "production", AliasPolicy.gateAndApprovals(2));
    extra.set((candidate, alias) -> GateDecision.pass("report ok for " + candidate));
    assertThrows(GateFailedException.class, () -> fx.moveAlias("churn", "production", 2));

    PromotionRequest request = fx.registry.requestPromotion("churn", "production", 2, "ana", "better auc");
    assertEquals(PromotionStatus.PENDING, request.status());
    PromotionRequest once = fx.registry.approve(request.id(), "ben");
    assertEquals(PromotionStatus.PENDING, once.status());
    assertEquals(1, fx.registry.resolve("churn@production").version(), "one approval of two moves nothing");
    var twice = assertThrows(ConflictException.class, () -> fx.registry.approve(request.id(), "ben"));
    assertTrue(twice.getMessage().contains("distinct"), twice.getMessage());
    assertThrows(ConflictException.class, () -> fx.registry.approve(request.id(), "ana"), "no self-approval");

    PromotionRequest done = fx.registry.approve(request.id(), "cleo");
    assertEquals(PromotionStatus.APPROVED, done.status());
    assertEquals(List.of("ben", "cleo"), done.approvers());
    assertEquals(2, fx.registry.resolve("churn@production").version());
    assertEquals("cleo", fx.registry.aliasHistory("churn", "production").get(1).actor());
    assertEquals(List.of("moved production 1", "requested " + request.id(), "approved " + request.id(),
        "moved production 2").subList(1, 4), events);
    assertThrows(ConflictException.class, () -> fx.registry.approve(request.id(), "dan"), "no longer pending");
  }

  @Test
  void aRefusingGateStopsTheRequestWithItsReasons() {
    fx.registry.protect("churn", "production", AliasPolicy.gateAndApprovals(0));
    extra.set((candidate, alias) -> GateDecision.fail("no passing validation report for " + candidate));
    var e = assertThrows(GateFailedException.class,
        () -> fx.registry.requestPromotion("churn", "production", 2, "ana", "try"));
    assertTrue(e.getMessage().contains("no passing validation report for churn/2"), e.getMessage());
    assertEquals(1, fx.registry.resolve("churn@production").version());
    assertTrue(fx.registry.promotions("churn").isEmpty());
  }

  @Test
  void withNeitherAStoredNorAnExtraGateAGatedAliasNeverMoves() {
    try (RegistryFixture bare = new RegistryFixture(InMemoryObjectStore.create(), dir)) {
      bare.register("churn", 0f);
      bare.register("churn", 1f);
      bare.registry.protect("churn", "production", AliasPolicy.gateAndApprovals(0));
      var e = assertThrows(GateFailedException.class,
          () -> bare.registry.requestPromotion("churn", "production", 2, "ana", "try"));
      assertTrue(e.getMessage().contains("ModelRegistry.setGate"), e.getMessage());
      assertTrue(!e.getMessage().contains("mlops "), "Java advice for a Java caller: " + e.getMessage());
      assertEquals(java.util.Optional.of(dev.mlops.api.Remedy.SET_GATE), e.remedy());
      assertTrue(bare.registry.promotions("churn").isEmpty());
    }
  }

  @Test
  void theExtraGateGivenAtBuildTimeDecidesAndItsReasonsAreRecorded() {
    fx.registry.protect("churn", "production", AliasPolicy.gateAndApprovals(0));
    extra.set((candidate, alias) -> GateDecision.pass("checked " + candidate + " for " + alias));
    PromotionRequest request = fx.registry.requestPromotion("churn", "production", 2, "ana", "auto");
    assertEquals(List.of("checked churn/2 for production"), request.gateReasons());
    assertTrue(request.gate().isEmpty(), "no stored gate decided");
    assertEquals(List.of("checked churn/2 for production"), fx.registry.promotion(request.id()).gateReasons(),
        "read back from the history");
  }

  @Test
  void aGateThatPassesWithNoApprovalsRequiredMovesAtOnce() {
    fx.registry.protect("churn", "production", AliasPolicy.gateAndApprovals(0));
    PromotionRequest request = fx.registry.requestPromotion("churn", "production", 2, "ana", "auto");
    assertEquals(PromotionStatus.APPROVED, request.status());
    assertEquals(2, fx.registry.resolve("churn@production").version());
  }

  @Test
  void aRejectedRequestNeverMovesTheAlias() {
    fx.registry.protect("churn", "production", new AliasPolicy(false, 1, Duration.ofDays(1)));
    PromotionRequest request = fx.registry.requestPromotion("churn", "production", 2, "ana", "try");
    PromotionRequest rejected = fx.registry.reject(request.id(), "ben", "canary errors");
    assertEquals(PromotionStatus.REJECTED, rejected.status());
    assertThrows(ConflictException.class, () -> fx.registry.approve(request.id(), "cleo"));
    assertEquals(1, fx.registry.resolve("churn@production").version());
    assertTrue(events.contains("rejected " + request.id()));
  }

  @Test
  void aRequestNotDecidedInTimeExpires() {
    fx.registry.protect("churn", "production", new AliasPolicy(false, 1, Duration.ofHours(1)));
    PromotionRequest request = fx.registry.requestPromotion("churn", "production", 2, "ana", "try");
    fx.clock.advance(Duration.ofHours(2));
    assertEquals(PromotionStatus.EXPIRED, fx.registry.promotion(request.id()).status());
    var e = assertThrows(GateFailedException.class, () -> fx.registry.approve(request.id(), "ben"));
    assertTrue(e.getMessage().contains("expired"), e.getMessage());
    assertEquals(1, fx.registry.resolve("churn@production").version());
  }

  @Test
  void aListenerThatThrowsBreaksNothing() {
    fx.registry.addListener(new RegistryListener() {
      @Override
      public void aliasMoved(AliasMove move) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void versionRegistered(ModelVersion version) {
        throw new IllegalStateException("listener bug");
      }
    });
    fx.register("churn", 2f);
    fx.registry.moveAliases("churn", Map.of("production", 3), "ana", "with a broken listener");
    assertEquals(3, fx.registry.resolve("churn@production").version());
    assertTrue(events.contains("moved production 3"), "other listeners still hear the event");
  }

  @Test
  void rollbackOfAProtectedAliasIsRecordedLikeAnyMove() {
    fx.registry.protect("churn", "production", new AliasPolicy(false, 1, Duration.ofDays(1)));
    PromotionRequest request = fx.registry.requestPromotion("churn", "production", 2, "ana", "try");
    fx.registry.approve(request.id(), "ben");
    AliasMove back = fx.registry.rollback("churn", "production", "oncall", "errors");
    assertEquals(1, back.to().getAsInt());
    assertEquals(1, fx.registry.resolve("churn@production").version());
    assertEquals(3, fx.registry.aliasHistory("churn", "production").size());
  }
}
