package dev.mlops.core.internal.registry;

import dev.mlops.api.NotFoundException;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.registry.GateData;
import dev.mlops.api.validation.LabelledData;
import dev.mlops.api.validation.Validator;
import dev.mlops.core.input.CsvRecords;
import dev.mlops.core.input.LabelledCsv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Reads a stored gate's labelled data from its dataset version: a table (Arrow, committed with
 * {@code addTable}), or a CSV file (a path ending in {@code .csv}, as {@code mlops data commit}
 * stores files), the same two forms {@code mlops validate --data} reads.
 */
final class GateDataReader {
  private GateDataReader() {}

  /** Checks, without reading the rows, that the data exists and has the label column. */
  static void check(DatasetStore datasets, GateData data) {
    try {
      if (isCsv(data)) {
        try (CsvRecords records = new CsvRecords(CsvRecords.utf8(datasets.open(data.dataset(), data.table())),
            data.toString())) {
          List<String> header = records.next();
          if (header == null || !header.contains(data.label())) {
            throw new NotFoundException(data + " has no label column '" + data.label() + "'; its columns are "
                + (header == null ? "none" : header));
          }
        }
        return;
      }
      try (BufferAllocator allocator = new RootAllocator();
          ArrowReader reader = datasets.openTable(data.dataset(), data.table(), allocator, List.of(data.label()))) {
        reader.getVectorSchemaRoot();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static LabelledData read(DatasetStore datasets, Validator validator, GateData data) {
    try {
      if (isCsv(data)) {
        try (CsvRecords records = new CsvRecords(CsvRecords.utf8(datasets.open(data.dataset(), data.table())),
            data.toString())) {
          return LabelledCsv.read(records, data.label());
        }
      }
      try (BufferAllocator allocator = new RootAllocator();
          ArrowReader reader = datasets.openTable(data.dataset(), data.table(), allocator)) {
        return validator.labelledData(reader, data.label());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isCsv(GateData data) {
    return data.table().endsWith(".csv");
  }
}
