package dev.mlops.core.internal.dataset;

import dev.mlops.api.dataset.UnknownColumnException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Some columns of another reader's batches: each batch is read whole (IPC streams cannot skip
 * columns), then the chosen vectors' buffers are handed over without copying.
 */
final class ProjectingArrowReader extends ArrowReader {
  private final ArrowReader inner;
  private final List<String> columns;

  ProjectingArrowReader(ArrowReader inner, List<String> columns, BufferAllocator allocator) {
    super(allocator);
    this.inner = inner;
    this.columns = List.copyOf(columns);
  }

  @Override
  protected Schema readSchema() throws IOException {
    Schema full = inner.getVectorSchemaRoot().getSchema();
    List<Field> fields = new ArrayList<>();
    for (String column : columns) {
      fields.add(full.getFields().stream().filter(f -> f.getName().equals(column)).findFirst()
          .orElseThrow(() -> new UnknownColumnException("being read", column,
              full.getFields().stream().map(Field::getName).toList())));
    }
    return new Schema(fields, full.getCustomMetadata());
  }

  @Override
  public boolean loadNextBatch() throws IOException {
    prepareLoadNextBatch();
    if (!inner.loadNextBatch()) {
      return false;
    }
    VectorSchemaRoot full = inner.getVectorSchemaRoot();
    List<FieldVector> chosen = new ArrayList<>();
    for (String column : columns) {
      chosen.add(full.getVector(column));
    }
    VectorSchemaRoot view = new VectorSchemaRoot(chosen);
    view.setRowCount(full.getRowCount());
    try (ArrowRecordBatch batch = new VectorUnloader(view).getRecordBatch()) {
      loadRecordBatch(batch);
    }
    return true;
  }

  @Override
  public long bytesRead() {
    return inner.bytesRead();
  }

  @Override
  protected void closeReadSource() throws IOException {
    inner.close();
  }
}
