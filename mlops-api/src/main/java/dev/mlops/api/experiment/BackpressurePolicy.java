package dev.mlops.api.experiment;

/** What metric logging does when its bounded buffer is full. Dropped points are counted. */
public enum BackpressurePolicy {
  /** The logging call waits until the background writer makes room. Loses nothing. The default. */
  BLOCK,
  /** The oldest buffered point is dropped to make room; training never waits. */
  DROP_OLDEST,
  /** Every other point of a key is dropped while the buffer is full; curves keep their shape. */
  DOWNSAMPLE
}
