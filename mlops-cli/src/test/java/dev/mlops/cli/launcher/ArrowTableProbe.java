package dev.mlops.cli.launcher;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.core.MlOps;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Run in a child JVM by {@link LauncherTest}: commits a CSV file as a dataset table (an Arrow IPC
 * write) and reads it back (an Arrow IPC read), the path a command reading a dataset table takes.
 * Prints {@code rows N}.
 */
public final class ArrowTableProbe {
  private ArrowTableProbe() {}

  /**
   * Entry point.
   *
   * @param args the store directory and a CSV file with a header line
   * @throws Exception if anything fails (the child's exit code is then non-zero)
   */
  public static void main(String[] args) throws Exception {
    try (MlOps mlops = MlOps.local(Path.of(args[0])); BufferAllocator allocator = new RootAllocator()) {
      mlops.datasets().commit(CommitRequest.builder().dataset("probe")
          .addTable("table", new TableSource.FromCsv(Path.of(args[1]), Optional.empty())).build());
      long rows = 0;
      try (ArrowReader reader = mlops.datasets().openTable("probe", "table", allocator)) {
        while (reader.loadNextBatch()) {
          rows += reader.getVectorSchemaRoot().getRowCount();
        }
      }
      System.out.println("rows " + rows);
    }
  }
}
