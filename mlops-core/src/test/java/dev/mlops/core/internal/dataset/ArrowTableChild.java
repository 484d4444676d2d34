package dev.mlops.core.internal.dataset;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.core.MlOps;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A user's program, in a JVM of its own for {@link ArrowMemoryTest}: {@code <store> commit} commits
 * a three-row table as dataset {@code t} and prints {@code COMMITTED <id>}; {@code <store> read}
 * reads that table back and prints {@code ROWS <n>}. Failures end main with the exception, as in
 * an application that does not catch it.
 */
public final class ArrowTableChild {
  private ArrowTableChild() {}

  public static void main(String[] args) throws Exception {
    try (MlOps mlops = MlOps.local(Path.of(args[0])); BufferAllocator allocator = new RootAllocator()) {
      if (args[1].equals("commit")) {
        System.out.println("COMMITTED " + commit(mlops, allocator));
      } else {
        try (ArrowReader reader = mlops.datasets().openTable("t", "t.arrow", allocator)) {
          long rows = 0;
          while (reader.loadNextBatch()) {
            rows += reader.getVectorSchemaRoot().getRowCount();
          }
          System.out.println("ROWS " + rows);
        }
      }
    }
  }

  static String commit(MlOps mlops, BufferAllocator allocator) {
    Schema schema = new Schema(List.of(Field.nullable("id", new ArrowType.Int(64, true))));
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      BigIntVector id = (BigIntVector) root.getVector("id");
      root.allocateNew();
      for (int i = 0; i < 3; i++) {
        id.setSafe(i, i);
      }
      root.setRowCount(3);
      return mlops.datasets().commit(CommitRequest.builder().dataset("t")
          .addTable("t.arrow", new TableSource.FromRoot(root)).build()).ref().toString();
    }
  }
}
