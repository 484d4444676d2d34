/**
 * Apache Spark integration: profile a {@code Dataset<Row>} into the SDK's drift reference and
 * table profile with the work split over partitions, compare a Dataset with a stored profile or a
 * dataset version, version a job's Parquet output, and log a job to a run. See {@code docs/spark.md}.
 */
@NullMarked
package dev.mlops.spark;

import org.jspecify.annotations.NullMarked;
