package dev.mlops.core.internal.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.ConflictException;
import dev.mlops.api.MlOpsException;
import dev.mlops.core.GcReport;
import dev.mlops.core.internal.content.ContentKeys;
import dev.mlops.core.internal.drift.profile.ProfileGcRoots;
import dev.mlops.core.internal.drift.profile.ProfileStore;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import dev.mlops.api.storage.VersionToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The lease protocol between a collection and content writers. Orderings are read from the
 * store's own record of writes, never from timing; the waits below only wait for a state to be
 * reached and assert nothing about how long that took.
 */
class LeaseProtocolTest {
  /** Short leases, so the expiry cases take about a second. */
  private static final LeaseTerms SHORT = new LeaseTerms(Duration.ofMillis(1000),
      Duration.ofMillis(400), Duration.ofMillis(100), Duration.ofMinutes(1));
  /** Every object counts as old: the collector's clock runs a day ahead. */
  private static final Clock DAY_AHEAD = Clock.fixed(Instant.now().plus(Duration.ofDays(1)), ZoneOffset.UTC);

  private final InMemoryObjectStore memory = InMemoryObjectStore.create();
  private final RecordingStore store = new RecordingStore(memory);

  @AfterEach
  void close() {
    memory.close();
  }

  private GarbageCollector collector(LeaseTerms terms) {
    return new GarbageCollector(store, List.of(new ProfileGcRoots()), DAY_AHEAD, terms);
  }

  private static String keyOf(String content) throws Exception {
    return ContentKeys.keyOf(MessageDigest.getInstance("SHA-256")
        .digest(content.getBytes(StandardCharsets.UTF_8)));
  }

  private void put(String content) throws Exception {
    store.putIfAbsent(keyOf(content), content.getBytes(StandardCharsets.UTF_8));
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
    while (!condition.getAsBoolean()) {
      TimeUnit.MILLISECONDS.sleep(5);
    }
  }

  @Test
  @DisplayName("a collection marks and deletes only after every writer holding a lease has published and let go")
  void collectionWaitsForWriters() throws Exception {
    put("orphan");
    WriteLease lease = WriteLease.acquire(store, "test writer", SHORT);
    CompletableFuture<GcReport> gc = CompletableFuture.supplyAsync(
        () -> collector(SHORT).collect(Duration.ZERO, false));
    // Go on once the collection has looked at the leases twice (it is waiting), or has ended (it
    // did not wait: the order asserted below then fails).
    awaitTrue(() -> store.count("list " + WriteLease.PREFIX) >= 2 || gc.isDone());

    // The writer finds nothing stored, stores its content and publishes a ref to it: had the
    // collection marked before the ref, the object (old by the collector's clock) would go.
    put("profile bytes");
    lease.checkBeforePublish();
    store.compareAndSet(ProfileStore.REF_PREFIX + "p", VersionToken.ABSENT,
        keyOf("profile bytes").getBytes(StandardCharsets.UTF_8));
    lease.close();

    GcReport report = gc.get(1, TimeUnit.MINUTES);
    assertEquals(1, report.collected(), "only the orphan goes");
    assertTrue(store.stat(keyOf("profile bytes")).isPresent());
    assertTrue(store.stat(keyOf("orphan")).isEmpty());
    int leaseEnded = store.indexOf("delete " + WriteLease.PREFIX);
    int sweepStarted = store.indexOf("list objects/");
    assertTrue(leaseEnded >= 0 && leaseEnded < sweepStarted, store.events().toString());
  }

  @Test
  @DisplayName("a writer that starts while a collection sweeps waits until the collection has ended")
  void writersWaitForACollection() throws Exception {
    CollectorState state = CollectorState.take(store, SHORT, "test collection");
    CompletableFuture<WriteLease> writer = CompletableFuture.supplyAsync(
        () -> WriteLease.acquire(store, "test writer", SHORT));
    // It tried at least once and stepped back (deleting its lease), while the state is held.
    awaitTrue(() -> store.indexOf("delete " + WriteLease.PREFIX) >= 0);
    state.renewIfDue();
    state.close();
    try (WriteLease lease = writer.get(1, TimeUnit.MINUTES)) {
      int ended = store.indexOf("cas " + CollectorState.KEY + " {\"phase\":\"idle\"");
      int granted = store.indexOf("put " + lease.key());
      assertTrue(ended >= 0 && ended < granted, store.events().toString());
    }
  }

  @Test
  @DisplayName("the lease of a writer that died does not stop a collection: it expires and is removed")
  void deadWritersLeaseExpires() throws Exception {
    store.putIfAbsent(WriteLease.PREFIX + "dead-writer",
        LeaseDoc.of("writing", "dead-writer", "a crashed commit").encode());
    put("orphan");
    GcReport report = collector(SHORT).collect(Duration.ZERO, false);
    assertEquals(1, report.collected());
    assertTrue(store.stat(WriteLease.PREFIX + "dead-writer").isEmpty());
  }

  /** Long leases and a short wait: only a holder seen to have ended can be passed at once. */
  private static final LeaseTerms LONG = new LeaseTerms(Duration.ofMinutes(10),
      Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofSeconds(2));

  /** The identity of a process of this machine that was killed. */
  private static String killedProcess() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    long start = sleeper.info().startInstant().orElseThrow().toEpochMilli();
    sleeper.destroyForcibly().waitFor();
    String current = ProcessIdentity.current();
    String machine = current.substring(0, current.lastIndexOf('/', current.lastIndexOf('/') - 1));
    return machine + "/" + sleeper.pid() + "/" + start;
  }

  private static byte[] leaseOf(String phase, String process) {
    return new LeaseDoc(phase, "killed", "a killed process", "here", 1, process, 0).encode();
  }

  @Test
  @DisplayName("a killed collection on this machine is taken over at once, and writers do not wait behind it")
  void killedCollectionIsPassedAtOnce() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(ProcessIdentity.current().isEmpty(), "no /proc here");
    store.compareAndSet(CollectorState.KEY, VersionToken.ABSENT,
        leaseOf(CollectorState.SWEEPING, killedProcess()));
    try (WriteLease lease = WriteLease.acquire(store, "writer", LONG)) {
      assertEquals(-1, store.indexOf("delete " + WriteLease.PREFIX), "it did not step back");
    }
    put("orphan");
    assertEquals(1, collector(LONG).collect(Duration.ZERO, false).collected());
  }

  @Test
  @DisplayName("the lease of a killed writer on this machine does not hold a collection up")
  void killedWritersLeaseIsRemovedAtOnce() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(ProcessIdentity.current().isEmpty(), "no /proc here");
    store.putIfAbsent(WriteLease.PREFIX + "killed", leaseOf("writing", killedProcess()));
    put("orphan");
    assertEquals(1, collector(LONG).collect(Duration.ZERO, false).collected());
    assertTrue(store.stat(WriteLease.PREFIX + "killed").isEmpty());
  }

  @Test
  @DisplayName("a live writer's lease on this machine is waited for, not taken for a killed one")
  void liveWritersLeaseHoldsACollectionUp() {
    store.putIfAbsent(WriteLease.PREFIX + "alive", leaseOf("writing", ProcessIdentity.current()));
    ConflictException e = assertThrows(ConflictException.class,
        () -> collector(LONG).collect(Duration.ZERO, false));
    assertTrue(e.getMessage().contains("held their leases"), e.getMessage());
  }

  @Test
  @DisplayName("a writer that paused for longer than its lease publishes nothing")
  void pausedWriterPublishesNothing() throws Exception {
    try (WriteLease lease = WriteLease.acquire(store, "slow writer", SHORT)) {
      TimeUnit.MILLISECONDS.sleep(SHORT.ttl().minus(SHORT.margin()).toMillis() + 50);
      ConflictException e = assertThrows(ConflictException.class, lease::checkBeforePublish);
      assertTrue(e.getMessage().contains("published nothing"), e.getMessage());
    }
  }

  @Test
  @DisplayName("a collection that paused for longer than its lease deletes nothing more")
  void pausedCollectionStops() throws Exception {
    try (CollectorState state = CollectorState.take(store, SHORT, "slow collection")) {
      TimeUnit.MILLISECONDS.sleep(SHORT.ttl().minus(SHORT.margin()).toMillis() + 50);
      assertThrows(ConflictException.class, state::checkHeld);
    }
  }

  @Test
  @DisplayName("a second collection while one runs is refused")
  void oneCollectionAtATime() {
    try (CollectorState running = CollectorState.take(store, LeaseTerms.DEFAULT, "first")) {
      ConflictException e = assertThrows(ConflictException.class,
          () -> collector(LeaseTerms.DEFAULT).collect(Duration.ZERO, false));
      assertTrue(e.getMessage().contains("Another garbage collection is running"), e.getMessage());
    }
  }

  @Test
  @DisplayName("a collection over a store with an area no concern owns deletes nothing and names the area")
  void unknownAreaStopsCollection() throws Exception {
    put("orphan");
    store.putIfAbsent("refs/future-feature/x", new byte[] {1});
    MlOpsException e = assertThrows(MlOpsException.class,
        () -> collector(SHORT).collect(Duration.ZERO, false));
    assertTrue(e.getMessage().contains("refs/future-feature/"), e.getMessage());
    assertTrue(store.stat(keyOf("orphan")).isPresent());
  }
}
