package dev.mlops.api.drift;

import java.util.List;
import java.util.Optional;

/**
 * A reference stored as mergeable sketches instead of raw values: per numeric column a KLL
 * quantile sketch (plus exact count, mean and variance, and the values themselves while there are
 * at most 5 distinct), per categorical column a frequent-items sketch. Comparisons against a
 * profile are approximate; {@code docs/drift.md} gives the error bound, and each
 * {@link ColumnDrift#exact()} says whether its result was. Immutable and thread-safe; create with
 * {@link DriftDetector#profile(Sample)}, store with {@link DriftDetector#saveProfile}.
 */
public interface ReferenceProfile {
  /**
   * Returns the profiled columns, in order.
   *
   * @return the names
   */
  List<String> columns();

  /**
   * Returns a column's type.
   *
   * @param column the column
   * @return its type, or empty if the profile has no such column
   */
  Optional<ColumnType> type(String column);

  /**
   * Returns the number of non-missing values a column's sketch has seen.
   *
   * @param column the column
   * @return the count
   * @throws dev.mlops.api.NotFoundException if the profile has no such column
   */
  long count(String column);

  /**
   * Returns the KLL parameter k of the numeric sketches (larger is more accurate).
   *
   * @return k
   */
  int sketchSize();

  /**
   * Returns the normalized rank error of the numeric sketches: with 99% confidence, every CDF
   * value read from a sketch is within this much of the exact one.
   *
   * @return the rank error, 2.2 / k, such as 0.011 for k = 200
   */
  double rankError();

  /**
   * Merges with a profile of other data with the same columns and types (built in another
   * process, for example); the result describes both data sets together.
   *
   * @param other the other profile
   * @return a new profile
   * @throws IllegalArgumentException if the columns or types differ
   */
  ReferenceProfile merge(ReferenceProfile other);

  /**
   * Joins with a profile of other columns (built from the same rows, or not): the result has this
   * profile's columns followed by the other's. A distributed profile builds each column where it
   * has values and joins the columns at the end, since a column may be all missing in one part.
   *
   * @param other a profile with none of this profile's columns
   * @return a new profile; its sketch size is the smaller of the two
   * @throws IllegalArgumentException if a column is in both, or the other profile was not made by
   *     this SDK
   */
  ReferenceProfile join(ReferenceProfile other);

  /**
   * Serializes the profile; {@link DriftDetector#readProfile(byte[])} reads it back.
   *
   * @return the bytes
   */
  byte[] toBytes();
}
