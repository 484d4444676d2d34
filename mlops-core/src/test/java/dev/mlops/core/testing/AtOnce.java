package dev.mlops.core.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/** Asks from several threads released at the same moment, to test what must happen once. */
public final class AtOnce {
  private AtOnce() {}

  /**
   * Calls {@code ask} on {@code threads} threads that start together, and returns what each got.
   *
   * @param <T> the answer's type
   * @param threads how many threads
   * @param ask the call
   * @return the answers, one per thread (null where a thread's call threw)
   * @throws InterruptedException if interrupted while waiting for the threads
   */
  public static <T> List<T> ask(int threads, Supplier<T> ask) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    Object[] answers = new Object[threads];
    List<Thread> askers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int index = t;
      Thread asker = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        answers[index] = ask.get();
      });
      asker.start();
      askers.add(asker);
    }
    start.countDown();
    for (Thread asker : askers) {
      asker.join();
    }
    @SuppressWarnings("unchecked")
    List<T> list = (List<T>) Arrays.asList(answers);
    return list;
  }
}
