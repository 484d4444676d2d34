package dev.mlops.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One local Spark for all test classes of this module (starting one takes seconds): two worker
 * threads, each task tried at most twice, no web UI, few shuffle partitions for small data. Spark stops it at JVM exit.
 */
final class LocalSpark {
  private static SparkSession session;

  private LocalSpark() {}

  static synchronized SparkSession get() {
    if (session == null) {
      session = SparkSession.builder()
          .appName("mlops-spark-tests")
          .master("local[2,2]") // two attempts per task, as a cluster retries a failed task
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .getOrCreate();
    }
    return session;
  }
}
