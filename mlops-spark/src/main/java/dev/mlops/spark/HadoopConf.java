package dev.mlops.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * A Hadoop configuration as it travels to executors: its entries, from which each task builds the
 * {@link Configuration} its {@code FileSystem} is opened with (credentials and endpoints of
 * {@code s3a:}, the namenode of {@code hdfs:}, test file systems), as Spark's own readers do.
 */
final class HadoopConf implements Serializable {
  private static final long serialVersionUID = 1L;

  private final HashMap<String, String> entries = new HashMap<>();

  HadoopConf(Configuration configuration) {
    for (Map.Entry<String, String> entry : configuration) {
      entries.put(entry.getKey(), entry.getValue());
    }
  }

  Configuration get() {
    Configuration configuration = new Configuration(false);
    entries.forEach(configuration::set);
    return configuration;
  }
}
