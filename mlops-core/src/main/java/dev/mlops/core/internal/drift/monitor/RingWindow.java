package dev.mlops.core.internal.drift.monitor;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed ring of rows written by many threads without locks: a writer claims a sequence number,
 * writes its row into slot seq mod capacity and publishes it. A reader copies a range of sequences
 * after they are published, and trusts the copy only if no writer claimed a sequence that maps onto
 * the range again (which would mean the ring overran the reader). Categorical values are kept as
 * references to the caller's strings in a parallel ring, so writing them allocates nothing either.
 */
final class RingWindow {
  private final int columns;
  private final int categoricalColumns;
  private final int capacity;
  private final double[] values;
  private final String[] categories;
  private final AtomicLongArray published;
  private final AtomicLong claimed = new AtomicLong();

  RingWindow(int columns, int categoricalColumns, int capacity) {
    this.columns = columns;
    this.categoricalColumns = categoricalColumns;
    this.capacity = capacity;
    this.values = new double[columns * capacity];
    this.categories = new String[categoricalColumns * capacity];
    this.published = new AtomicLongArray(capacity);
  }

  /**
   * Writes a row; returns its sequence number. Lock-free, allocation-free.
   *
   * @param row the numeric values
   * @param labels the categorical values (null when missing), or null when there are no categorical columns
   */
  long write(double[] row, String[] labels) {
    long seq = claimed.getAndIncrement();
    int slot = (int) (seq % capacity);
    System.arraycopy(row, 0, values, slot * columns, columns);
    if (categoricalColumns > 0) {
      System.arraycopy(labels, 0, categories, slot * categoricalColumns, categoricalColumns);
    }
    published.setRelease(slot, seq + 1);
    return seq;
  }

  /** The number of sequences claimed so far. */
  long claimed() {
    return claimed.get();
  }

  /**
   * Copies sequences [start, end) column by column into {@code out[column][i]} and
   * {@code outLabels[column][i]}.
   *
   * @return the number of rows copied, or −1 if the ring overran the range
   */
  int copy(long start, long end, double[][] out, String[][] outLabels) {
    if (end - start > capacity) {
      return -1;
    }
    for (long seq = start; seq < end; seq++) {
      int slot = (int) (seq % capacity);
      long seen;
      while ((seen = published.getAcquire(slot)) < seq + 1) {
        if (claimed.get() > seq + capacity) {
          return -1;
        }
        Thread.onSpinWait(); // the writer of seq has claimed it and is copying its row
      }
      if (seen != seq + 1) {
        return -1;
      }
      int base = slot * columns;
      int i = (int) (seq - start);
      for (int c = 0; c < columns; c++) {
        out[c][i] = values[base + c];
      }
      int labelBase = slot * categoricalColumns;
      for (int c = 0; c < categoricalColumns; c++) {
        outLabels[c][i] = categories[labelBase + c];
      }
    }
    // A writer of seq + capacity (same slot) claims before it writes: if none was claimed, the copy is clean.
    return claimed.get() <= start + capacity ? (int) (end - start) : -1;
  }
}
