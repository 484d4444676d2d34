package dev.mlops.spark;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.core.MlOps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaSparkContext;
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
 * <p>What runs where: the driver lists the output with Hadoop's {@code FileSystem} (any path Spark
 * reads: local, {@code hdfs:}, {@code s3a:}); one Spark task per part file reads the file on an
 * executor and stores its chunks in the store, opened there from {@code mlops.store().uri()}, in
 * parallel; the driver gets back each file's hash and chunk list (about 80 bytes per chunk), checks
 * the chunks are in the store and commits the manifest and moves the head. So executors need the
 * store's module on their class path and access to it (a file store on a path every executor
 * mounts, or S3 with credentials in the executors' environment). A retried task stores the same
 * chunks again, harmlessly; a job that fails commits nothing.
 *
 * <p>Only a finished job's output is committed (its {@value #SUCCESS_MARKER} marker is required),
 * so a job whose tasks failed leaves no version. Stateless and thread-safe.
 *
 * <pre>{@code
 * features.write().parquet("s3a://bucket/out/features");
 * DatasetVersion v = SparkDatasets.commitParquet(spark, mlops, "features", "parquet",
 *     "s3a://bucket/out/features", "nightly run");
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
   * path inside the version (replacing what the parent version had there). The executors store
   * the files' chunks in parallel; the driver commits.
   *
   * @param spark the session whose executors read and store the files
   * @param mlops the SDK on the store to commit to; executors open the same store by its URI
   * @param dataset the dataset's name
   * @param versionPath where the files go inside the version, such as {@code parquet}
   * @param output the directory the job wrote, as given to {@code write().parquet(...)}
   * @param message the commit message
   * @return the new version
   * @throws IllegalArgumentException if the directory has no {@value #SUCCESS_MARKER} file (the job
   *     has not finished, or failed), holds no part file, or holds partition
   *     directories ({@code key=value}), whose names are not valid version paths
   * @throws dev.mlops.api.dataset.DatasetConflictException if another writer moved the head meanwhile
   */
  public static DatasetVersion commitParquet(SparkSession spark, MlOps mlops, String dataset, String versionPath,
      String output, String message) {
    return commitParquet(spark, mlops, dataset, versionPath, output, message,
        CommitRequest.DEFAULT_AVERAGE_CHUNK_SIZE);
  }

  /** As {@link #commitParquet(SparkSession, MlOps, String, String, String, String)}, with a chunk size. */
  static DatasetVersion commitParquet(SparkSession spark, MlOps mlops, String dataset, String versionPath,
      String output, String message, int averageChunkSize) {
    requireNonNull(spark, "spark");
    requireNonNull(mlops, "mlops");
    requireNonNull(output, "output");
    CommitRequest.Builder request = CommitRequest.builder().dataset(dataset).message(message)
        .averageChunkSize(averageChunkSize)
        .remove(versionPath); // the parent's files there go, even where this output has none of the same name
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<PartFileStorer.Part> parts = partFiles(new org.apache.hadoop.fs.Path(output), hadoop);
    List<StoredPart> stored = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(parts, parts.size()) // one task per file, so the files are stored in parallel
        .mapPartitions(new PartFileStorer(mlops.store().uri(), output, new HadoopConf(hadoop), averageChunkSize))
        .collect();
    for (StoredPart part : stored) {
      request.addStored(versionPath + "/" + part.path, part.file());
    }
    return mlops.datasets().commit(request.build());
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

  /** The data files of a finished job's output, sorted by their path relative to it. */
  private static List<PartFileStorer.Part> partFiles(org.apache.hadoop.fs.Path output, Configuration hadoop) {
    List<PartFileStorer.Part> parts = new ArrayList<>();
    try {
      FileSystem fs = output.getFileSystem(hadoop);
      org.apache.hadoop.fs.Path root = fs.makeQualified(output);
      if (!fs.exists(new org.apache.hadoop.fs.Path(root, SUCCESS_MARKER))) {
        // A job that failed or is still running leaves part files of some tasks only; committing
        // them would version a torn output.
        throw new IllegalArgumentException("'" + output + "' has no " + SUCCESS_MARKER + " file: the job that"
            + " writes it has not finished, or failed; commit after write().parquet(...) returns (and keep"
            + " mapreduce.fileoutputcommitter.marksuccessfuljobs at its default, true)");
      }
      String prefix = root.toUri().getPath() + "/";
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
      while (files.hasNext()) {
        LocatedFileStatus file = files.next();
        String relative = file.getPath().toUri().getPath().substring(prefix.length());
        if (isData(relative)) {
          if (relative.contains("=")) {
            throw new IllegalArgumentException("'" + relative + "' is in a partition directory (key=value);"
                + " commit each partition directory as its own version path, or write without partitionBy");
          }
          parts.add(new PartFileStorer.Part(relative, file.getLen()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the job's output '" + output + "': " + e.getMessage(), e);
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("No part file in '" + output + "'; pass the directory the job's"
          + " write().parquet(...) wrote");
    }
    parts.sort(Comparator.comparing(PartFileStorer.Part::path));
    return parts;
  }

  /** Whether a reader reads the file: no segment of its path starts with {@code _} or {@code .}. */
  private static boolean isData(String relative) {
    for (String segment : relative.split("/")) {
      if (segment.startsWith("_") || segment.startsWith(".")) {
        return false;
      }
    }
    return true;
  }
}
