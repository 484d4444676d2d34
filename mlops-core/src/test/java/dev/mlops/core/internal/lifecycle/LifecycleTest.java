package dev.mlops.core.internal.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.testing.AtOnce;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LifecycleTest {
  private final List<String> closed = new ArrayList<>();
  private final Lifecycle lifecycle = new Lifecycle(() -> "the owner was closed");

  /** A part that records its closing. */
  private AutoCloseable recorded(String name) {
    return () -> {
      synchronized (closed) {
        closed.add(name);
      }
    };
  }

  @Test
  @DisplayName("a part is made once, however many threads ask for it at the same moment")
  void aPartIsMadeOnce() throws Exception {
    AtomicInteger made = new AtomicInteger();
    Lifecycle.Part<Object> part = lifecycle.part(() -> {
      made.incrementAndGet();
      return new Object();
    });
    List<Object> seen = AtOnce.ask(16, part::get);
    assertEquals(1, made.get());
    for (Object one : seen) {
      assertSame(seen.get(0), one);
    }
  }

  @Test
  @DisplayName("close closes in the reverse order of making; a part made while making another closes after it")
  void closesInReverseOrder() {
    lifecycle.own(recorded("owned first"));
    Lifecycle.Part<AutoCloseable> inner = lifecycle.part(() -> recorded("inner"));
    Lifecycle.Part<AutoCloseable> outer = lifecycle.part(() -> {
      inner.get(); // made while making outer, which uses it
      return recorded("outer");
    });
    Lifecycle.Part<AutoCloseable> last = lifecycle.part(() -> recorded("last"));
    Lifecycle.Part<AutoCloseable> never = lifecycle.part(() -> recorded("never made"));
    outer.get();
    last.get();
    assertNull(lifecycle.close());
    assertEquals(List.of("last", "outer", "inner", "owned first"), closed);
    assertThrows(IllegalStateException.class, never::get, "a part not made before close is never made");
  }

  @Test
  @DisplayName("a part that fails to close does not stop the others; the first failure carries the rest")
  void failuresAreCollected() {
    lifecycle.own(recorded("a"));
    lifecycle.own(() -> {
      throw new IllegalStateException("b failed");
    });
    lifecycle.own(recorded("c"));
    lifecycle.own(() -> {
      throw new java.io.IOException("d failed");
    });
    RuntimeException failure = lifecycle.close();
    assertEquals(List.of("c", "a"), closed);
    assertTrue(failure.getCause().getMessage().contains("d failed"), failure.toString());
    assertEquals(1, failure.getSuppressed().length);
    assertEquals("b failed", failure.getSuppressed()[0].getMessage());
  }

  @Test
  @DisplayName("after close every part throws IllegalStateException with the owner's message; close is idempotent")
  void afterClose() {
    Lifecycle.Part<AutoCloseable> part = lifecycle.part(() -> recorded("part"));
    part.get();
    lifecycle.close();
    assertNull(lifecycle.close(), "the second close does nothing");
    assertEquals(List.of("part"), closed, "closed once");
    assertEquals("the owner was closed",
        assertThrows(IllegalStateException.class, part::get).getMessage());
    assertThrows(IllegalStateException.class, () -> lifecycle.own(recorded("late")));
  }

  @Test
  @DisplayName("owned threads: close waits for them to end, and no thread is made after it")
  void ownedThreadsAreJoined() throws Exception {
    OwnedThreads threads = new OwnedThreads();
    CountDownLatch release = new CountDownLatch(1);
    Thread worker = threads.factory("mlops-test-").newThread(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertEquals("mlops-test-1", worker.getName());
    assertTrue(worker.isDaemon());
    worker.start();
    assertTrue(threads.owns(worker));
    assertEquals(List.of(worker), threads.close(Duration.ZERO), "still waiting on the latch");
    release.countDown();
    assertEquals(List.of(), threads.close(Duration.ofMinutes(1)));
    assertTrue(!worker.isAlive(), "ended before close returned");
    assertThrows(RejectedExecutionException.class, () -> threads.newThread("late", () -> { }));
  }
}
