package dev.mlops.spark;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.DatasetVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Versions what a Spark job wrote, and reads a version back as a Dataset. A job's Parquet output
 * directory becomes one dataset version (one atomic, conflict-checked commit, like any other):
 * its part files are committed as plain files, deduplicated by content, so a re-run that rewrites
 * unchanged parts stores nothing new. Files Spark and Hadoop readers skip (names starting with
 * {@code _} or {@code .}, such as {@code _SUCCESS} and checksum files) are left out.
 *
 * <p>Only a finished job's output is committed (its {@value #SUCCESS_MARKER} marker is required),
 * so a job whose tasks failed leaves no version. The output must be on a local or mounted path the
 * driver can read; the driver reads and commits the files. Stateless and thread-safe.
 *
 * <pre>{@code
 * features.write().parquet("/data/out/features");
 * DatasetVersion v = SparkDatasets.commitParquet(mlops.datasets(), "features", "parquet",
 *     Path.of("/data/out/features"), "nightly run");
 * Dataset<Row> again = SparkDatasets.read(spark, mlops.datasets(), v.ref().toString(), "parquet",
 *     Path.of("/tmp/features-checkout"));
 * }</pre>
 */
public final class SparkDatasets {
  /** The file Hadoop's output committers write last, once every task's output is in place. */
  public static final String SUCCESS_MARKER = "_SUCCESS";

  private SparkDatasets() {}

  /**
   * Commits the part files of a job's output directory as one new version of a dataset, under a
   * path inside the version (replacing what the parent version had there).
   *
   * @param datasets the dataset store ({@code mlops.datasets()})
   * @param dataset the dataset's name
   * @param versionPath where the files go inside the version, such as {@code parquet}
   * @param output the directory the job wrote
   * @param message the commit message
   * @return the new version
   * @throws IllegalArgumentException if the directory has no {@value #SUCCESS_MARKER} file (the job
   *     has not finished, or failed), holds no part file, or holds partition
   *     directories ({@code key=value}), whose names are not valid version paths
   * @throws dev.mlops.api.dataset.DatasetConflictException if another writer moved the head meanwhile
   */
  public static DatasetVersion commitParquet(DatasetStore datasets, String dataset, String versionPath,
      Path output, String message) {
    requireNonNull(datasets, "datasets");
    requireNonNull(output, "output");
    CommitRequest.Builder request = CommitRequest.builder().dataset(dataset).message(message)
        .remove(versionPath); // the parent's files there go, even where this output has none of the same name
    if (!Files.isRegularFile(output.resolve(SUCCESS_MARKER))) {
      // A job that failed or is still running leaves part files of some tasks only; committing
      // them would version a torn output.
      throw new IllegalArgumentException("'" + output + "' has no " + SUCCESS_MARKER + " file: the job that"
          + " writes it has not finished, or failed; commit after write().parquet(...) returns (and keep"
          + " mapreduce.fileoutputcommitter.marksuccessfuljobs at its default, true)");
    }
    List<Path> files = partFiles(output);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("No part file in '" + output + "'; pass the directory the job's"
          + " write().parquet(...) wrote");
    }
    for (Path file : files) {
      String relative = output.relativize(file).toString().replace('\\', '/');
      if (relative.contains("=")) {
        throw new IllegalArgumentException("'" + relative + "' is in a partition directory (key=value);"
            + " commit each partition directory as its own version path, or write without partitionBy");
      }
      request.add(versionPath + "/" + relative, file);
    }
    return datasets.commit(request.build());
  }

  /**
   * Reads a version's Parquet files back as a Dataset: checks them out (verified) into a local
   * directory and reads that directory with {@code spark.read().parquet}.
   *
   * @param spark the session
   * @param datasets the dataset store
   * @param reference the version, such as {@code features@v3}
   * @param versionPath the path inside the version the files were committed under
   * @param checkoutDirectory a directory for the files, created if needed, that the executors can
   *     read (local mode, or a shared mount); it must outlive the Dataset's use
   * @return the rows
   * @throws dev.mlops.api.NotFoundException if the version or the path does not exist
   */
  public static Dataset<Row> read(SparkSession spark, DatasetStore datasets, String reference, String versionPath,
      Path checkoutDirectory) {
    requireNonNull(spark, "spark");
    requireNonNull(datasets, "datasets");
    datasets.checkout(reference, checkoutDirectory, List.of(versionPath));
    return spark.read().parquet(checkoutDirectory.resolve(versionPath).toString());
  }

  private static List<Path> partFiles(Path output) {
    try (Stream<Path> walk = Files.walk(output)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> isData(output.relativize(p)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the job's output '" + output + "': " + e.getMessage(), e);
    }
  }

  /** Whether a reader reads the file: no segment of its path starts with {@code _} or {@code .}. */
  private static boolean isData(Path relative) {
    for (Path segment : relative) {
      String name = segment.toString();
      if (name.startsWith("_") || name.startsWith(".")) {
        return false;
      }
    }
    return true;
  }
}
