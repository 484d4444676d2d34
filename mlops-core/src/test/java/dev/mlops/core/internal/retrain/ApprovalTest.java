package dev.mlops.core.internal.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Comparison;
import dev.mlops.api.ConflictException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.retrain.Automation;
import dev.mlops.api.retrain.RequestExpiredException;
import dev.mlops.api.retrain.RequestStatus;
import dev.mlops.api.retrain.RetrainDecision;
import dev.mlops.api.retrain.RetrainPolicy;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.RetrainRequest;
import dev.mlops.api.retrain.RetrainSignals;
import dev.mlops.api.retrain.Trigger;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import dev.mlops.core.testing.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Small drift retrains by itself; large drift waits for a person; rejected or expired runs nothing. */
class ApprovalTest {
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private final TestClock clock = TestClock.at(T0);
  private final DefaultRetraining retraining =
      new DefaultRetraining(InMemoryObjectStore.create(), new SimpleMeterRegistry(), clock);
  private final List<Long> ran = new CopyOnWriteArrayList<>();
  private final RetrainPolicy policy = retraining.policy(RetrainPolicyConfig.builder().name("churn")
      .trigger(new Trigger("drift.share", Comparison.AT_LEAST, 0.1, 0.05))
      .cooldown(Duration.ZERO).build(), decision -> ran.add(decision.seq()));
  private int hour;

  private RetrainDecision drift(double share) {
    clock.advance(Duration.ofHours(1));
    hour++;
    return policy.evaluate(RetrainSignals.builder(T0.plus(Duration.ofHours(hour)))
        .signal("drift.share", share).build());
  }

  @Test
  void smallDriftRetrainsAutomatically() {
    RetrainDecision d = drift(0.2);
    assertEquals(Automation.AUTO, d.automation().orElseThrow());
    assertEquals(List.of(1L), ran);
    assertTrue(d.requestId().isEmpty());
    assertTrue(retraining.requests().isEmpty());
  }

  @Test
  void largeDriftWaitsForApprovalThenRunsExactlyOnce() {
    RetrainDecision d = drift(0.6);
    assertEquals(Automation.APPROVAL, d.automation().orElseThrow());
    String id = d.requestId().orElseThrow();
    assertEquals(RequestStatus.PENDING, retraining.request(id).status());
    assertEquals(0.6, retraining.request(id).decision().evidence().get(0).value(),
        "the evidence travels with the request");
    drift(0.6);
    drift(0.02);
    assertEquals(List.of(), ran, "nothing runs before approval");

    RetrainRequest approved = retraining.approve(id, "alice@example.com", "explored: new segment, retrain");
    assertEquals(RequestStatus.APPROVED, approved.status());
    assertEquals("alice@example.com", approved.decidedBy().orElseThrow());
    assertEquals(List.of(), ran, "approval alone does not run it in another process's place");
    assertEquals(1, policy.runApproved().size());
    assertEquals(List.of(1L), ran);
    assertEquals(0, policy.runApproved().size());
    drift(0.02);
    assertEquals(List.of(1L), ran, "an approved request runs exactly once");
    assertTrue(retraining.request(id).executed());
    assertThrows(ConflictException.class, () -> retraining.reject(id, "bob", "too late"));
  }

  @Test
  void rejectedRequestRunsNothing() {
    String id = drift(0.6).requestId().orElseThrow();
    RetrainRequest rejected = retraining.reject(id, "bob", "data error upstream, not drift");
    assertEquals(RequestStatus.REJECTED, rejected.status());
    assertEquals(0, policy.runApproved().size());
    drift(0.02);
    assertEquals(List.of(), ran);
    assertThrows(ConflictException.class, () -> retraining.approve(id, "alice", "changed my mind"));
  }

  @Test
  void expiredRequestIsRefusedWithAClearErrorAndRunsNothing() {
    String id = drift(0.6).requestId().orElseThrow();
    clock.advance(RetrainPolicyConfig.DEFAULT_APPROVAL_TIMEOUT);
    assertEquals(RequestStatus.EXPIRED, retraining.request(id).status());
    RequestExpiredException e = assertThrows(RequestExpiredException.class,
        () -> retraining.approve(id, "alice", "late"));
    assertTrue(e.getMessage().contains("expired"), e.getMessage());
    assertEquals(0, policy.runApproved().size());
    assertEquals(List.of(), ran);
  }

  @Test
  void unknownOrMalformedRequestIdsAreNotFound() {
    assertThrows(NotFoundException.class, () -> retraining.approve("churn-99", "alice", ""));
    assertThrows(NotFoundException.class, () -> retraining.approve("../etc/passwd", "alice", ""));
    String id = drift(0.6).requestId().orElseThrow();
    assertThrows(IllegalArgumentException.class, () -> retraining.approve(id, " ", "blank identity"));
    assertEquals(RequestStatus.PENDING, retraining.request(id).status());
  }

  @Test
  void aPolicyRunsOnlyItsOwnApprovedRequestsEvenWhenNamesShareAPrefix() {
    List<Long> euRan = new CopyOnWriteArrayList<>();
    RetrainPolicy eu = retraining.policy(RetrainPolicyConfig.builder().name("churn-eu")
        .trigger(Trigger.when("drift.share", Comparison.AT_LEAST, 0.1)).build(),
        decision -> euRan.add(decision.seq()));
    String id = eu.evaluate(RetrainSignals.builder(T0).signal("drift.share", 0.9).build())
        .requestId().orElseThrow();
    assertEquals("churn-eu-1", id);
    retraining.approve(id, "alice", "ok");
    assertEquals(0, policy.runApproved().size(), "policy 'churn' leaves 'churn-eu-1' alone");
    assertEquals(1, eu.runApproved().size());
    assertEquals(List.of(), ran);
    assertEquals(List.of(1L), euRan);
  }

  @Test
  void aHostRuleThatThrowsAsksForApprovalInstead() {
    RetrainPolicy custom = retraining.policy(RetrainPolicyConfig.builder().name("custom")
        .trigger(Trigger.when("kpi.lost_payments", Comparison.AT_LEAST, 0.1))
        .automationRule(signals -> {
          throw new IllegalStateException("host bug");
        }).build());
    RetrainDecision d = custom.evaluate(RetrainSignals.builder(T0).signal("kpi.lost_payments", 0.2).build());
    assertEquals(Automation.APPROVAL, d.automation().orElseThrow());
  }
}
