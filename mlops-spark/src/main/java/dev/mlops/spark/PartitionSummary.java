package dev.mlops.spark;

import java.io.Serializable;

/**
 * What one partition sends to the driver: per profiled column its exact statistics and its sketch
 * profile as bytes ({@code null} where the partition had no value to sketch). A few kilobytes per
 * column, whatever the partition's size.
 */
final class PartitionSummary implements Serializable {
  private static final long serialVersionUID = 1L;

  final ColumnStats[] stats;
  final byte[][] sketches;

  PartitionSummary(ColumnStats[] stats, byte[][] sketches) {
    this.stats = stats;
    this.sketches = sketches;
  }
}
