package dev.mlops.core.internal.experiment;

import dev.mlops.api.IntegrityException;

/** What store verification needs to know of metric segments: where they are, whether intact. */
public final class MetricSegments {
  /** Every run's segments lie under this prefix, at {@code <run id>/metrics/<seq>}. */
  public static final String PREFIX = "logs/runs/";

  private MetricSegments() {}

  /**
   * Tells whether a key names a metric segment.
   *
   * @param key an object key under {@link #PREFIX}
   * @return {@code true} for {@code logs/runs/<id>/metrics/<seq>}
   */
  public static boolean isSegment(String key) {
    return key.startsWith(PREFIX) && key.indexOf("/metrics/", PREFIX.length()) > 0;
  }

  /**
   * Checks a segment's checksums and that every block decodes.
   *
   * @param key the segment's key, for the message
   * @param data the whole segment
   * @throws IntegrityException if it is damaged
   */
  public static void verify(String key, byte[] data) {
    SegmentCodec.verify(key, data);
  }
}
