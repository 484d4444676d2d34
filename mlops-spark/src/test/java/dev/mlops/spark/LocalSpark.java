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

  /**
   * Waits until no task runs: when a job fails, Spark answers at once while the job's other tasks
   * may still be running (and writing chunks into a test's store, which the test then deletes).
   */
  static void awaitNoRunningTasks(SparkSession spark) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
    while (java.util.Arrays.stream(spark.sparkContext().statusTracker().getExecutorInfos())
        .anyMatch(e -> e.numRunningTasks() > 0)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("tasks still running 2 minutes after their job ended");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
