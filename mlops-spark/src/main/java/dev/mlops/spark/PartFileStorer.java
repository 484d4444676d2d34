package dev.mlops.spark;

import dev.mlops.api.dataset.StoredFile;
import dev.mlops.core.MlOps;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * Stores part files' bytes on an executor: opens the store from its URI and the job's output with
 * Hadoop's {@code FileSystem} (so local, {@code hdfs:} and {@code s3a:} paths read alike), and
 * cuts each file into content-addressed chunks. A retried task stores the same chunks again,
 * which changes nothing; chunks of a job that fails are unreferenced and garbage collection
 * removes them after its grace period.
 */
final class PartFileStorer implements FlatMapFunction<Iterator<PartFileStorer.Part>, StoredPart> {
  private static final long serialVersionUID = 1L;

  /** A part file to store: its path relative to the output, and the size the driver listed. */
  record Part(String path, long size) implements java.io.Serializable {}

  private final URI store;
  private final String output;
  private final HadoopConf hadoop;
  private final int averageChunkSize;

  PartFileStorer(URI store, String output, HadoopConf hadoop, int averageChunkSize) {
    this.store = store;
    this.output = output;
    this.hadoop = hadoop;
    this.averageChunkSize = averageChunkSize;
  }

  @Override
  public Iterator<StoredPart> call(Iterator<Part> parts) throws IOException {
    Configuration configuration = hadoop.get();
    Path root = new Path(output);
    FileSystem fs = root.getFileSystem(configuration);
    List<StoredPart> stored = new ArrayList<>();
    try (MlOps mlops = MlOps.builder().uri(store).closeOnJvmExit(false).build()) {
      while (parts.hasNext()) {
        Part part = parts.next();
        StoredFile file;
        try (InputStream in = fs.open(new Path(root, part.path()))) {
          file = mlops.datasets().storeFile(in, averageChunkSize);
        }
        if (file.size() != part.size()) {
          throw new UncheckedIOException(new IOException("'" + part.path() + "' of " + output + " is "
              + file.size() + " bytes now but was " + part.size() + " when listed: something writes to the"
              + " job's output; commit it once nothing does"));
        }
        stored.add(new StoredPart(part.path(), file));
      }
    }
    return stored.iterator();
  }
}
