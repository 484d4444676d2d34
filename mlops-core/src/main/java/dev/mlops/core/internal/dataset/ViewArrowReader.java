package dev.mlops.core.internal.dataset;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.util.TransferPair;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A view's table, materialized batch by batch from its base: each base batch is filtered, and the
 * kept rows of the kept columns are copied into one output batch (batches the filter empties are
 * skipped). Memory is one base batch plus one output batch.
 */
final class ViewArrowReader extends ArrowReader {
  private final ArrowReader base;
  private final List<String> columns;
  private final Optional<BoundFilter> filter;
  private final BufferAllocator allocator;

  /**
   * @param base the base table, closed with this reader
   * @param columns the columns to keep, already checked against the base's schema
   * @param filter the rows to keep, bound to the base's schema
   */
  ViewArrowReader(ArrowReader base, List<String> columns, Optional<BoundFilter> filter, BufferAllocator allocator) {
    super(allocator);
    this.base = base;
    this.columns = List.copyOf(columns);
    this.filter = filter;
    this.allocator = allocator;
  }

  @Override
  protected Schema readSchema() throws IOException {
    Schema full = base.getVectorSchemaRoot().getSchema();
    List<Field> fields = new ArrayList<>();
    for (String column : columns) {
      fields.add(full.findField(column));
    }
    return new Schema(fields, full.getCustomMetadata());
  }

  @Override
  public boolean loadNextBatch() throws IOException {
    prepareLoadNextBatch();
    while (base.loadNextBatch()) {
      VectorSchemaRoot in = base.getVectorSchemaRoot();
      int[] kept = filter.isPresent() ? filter.get().select(in) : null;
      int rows = kept != null ? kept.length : in.getRowCount();
      if (rows == 0 && in.getRowCount() > 0) {
        continue;
      }
      List<FieldVector> out = new ArrayList<>();
      try {
        for (String column : columns) {
          FieldVector source = in.getVector(column);
          FieldVector target = source.getField().createVector(allocator);
          out.add(target);
          target.setInitialCapacity(rows);
          target.allocateNew();
          TransferPair copier = source.makeTransferPair(target);
          for (int i = 0; i < rows; i++) {
            copier.copyValueSafe(kept != null ? kept[i] : i, i);
          }
          target.setValueCount(rows);
        }
        VectorSchemaRoot batch = new VectorSchemaRoot(out);
        batch.setRowCount(rows);
        try (ArrowRecordBatch unloaded = new VectorUnloader(batch).getRecordBatch()) {
          loadRecordBatch(unloaded);
        }
      } finally {
        out.forEach(FieldVector::close);
      }
      return true;
    }
    return false;
  }

  @Override
  public long bytesRead() {
    return base.bytesRead();
  }

  @Override
  protected void closeReadSource() throws IOException {
    base.close();
  }
}
