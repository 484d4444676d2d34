package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.VersionToken;
import dev.mlops.core.internal.content.Chunker;
import dev.mlops.core.internal.content.ContentStore;
import dev.mlops.core.internal.content.ContentWrite;
import dev.mlops.core.internal.content.FileContent;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stores written before CSV tables were profiled block by block keep reading as they did. */
class OldCsvTableTest {
  @TempDir Path dir;

  @Test
  @DisplayName("a CSV table stored with an Arrow copy, as earlier builds stored it, opens from that copy;"
      + " the next commit of a changed file stores none and checks out byte for byte")
  void csvTableWithAnArrowCopyStillReads() throws IOException {
    byte[] csv = "a\n1\n2\n".getBytes(StandardCharsets.UTF_8);
    Schema schema = new Schema(List.of(Field.nullable("a", new ArrowType.Int(64, true))));
    try (ObjectStore store = InMemoryObjectStore.create(); BufferAllocator allocator = new RootAllocator()) {
      // The copy holds 10 and 20, not the file's 1 and 2: reading 10 proves the copy is what is read.
      byte[] arrow = ipc(schema, allocator, 10, 20);
      try (ContentWrite write = new ContentStore(store).beginWrite("old commit")) {
        Chunker chunker = Chunker.withAverage(CommitRequest.DEFAULT_AVERAGE_CHUNK_SIZE);
        FileContent file = write.chunked(chunker).write(new ByteArrayInputStream(csv));
        FileContent copy = write.chunked(chunker).write(new ByteArrayInputStream(arrow));
        Manifest.TableMeta table = new Manifest.TableMeta(2, schema.toJson(), new TreeMap<>(), Manifest.Format.CSV,
            Optional.of(copy), List.of());
        Manifest manifest = new Manifest(Optional.empty(), "old", "a", Map.of(),
            List.of(new Manifest.Entry("t.csv", file, Optional.of(table))), List.of(), "");
        String id = write.put(ManifestCodec.encode(manifest)).sha256();
        write.publishing();
        store.putIfAbsent(DatasetKeys.version("t", id), VersionReader.VersionRecord.encode(Instant.now()));
        store.compareAndSet(DatasetKeys.head("t", CommitRequest.DEFAULT_HEAD), VersionToken.ABSENT,
            id.getBytes(StandardCharsets.UTF_8));
      }
      DatasetStore datasets = new DefaultDatasetStore(store, Clock.systemUTC(), Optional.empty());
      try (ArrowReader reader = datasets.openTable("t", "t.csv", allocator)) {
        assertTrue(reader.loadNextBatch());
        assertEquals(10L, reader.getVectorSchemaRoot().getVector("a").getObject(0));
      }

      byte[] changed = "a\n1\n2\n3\n".getBytes(StandardCharsets.UTF_8);
      Path file = Files.write(dir.resolve("t.csv"), changed);
      datasets.commit(CommitRequest.builder().dataset("t")
          .addTable("t.csv", new TableSource.FromCsv(file, Optional.empty())).build());
      datasets.checkout("t", dir.resolve("out"));
      assertArrayEquals(changed, Files.readAllBytes(dir.resolve("out/t.csv")));
      long sum = 0;
      try (ArrowReader reader = datasets.openTable("t", "t.csv", allocator)) {
        while (reader.loadNextBatch()) {
          BigIntVector a = (BigIntVector) reader.getVectorSchemaRoot().getVector("a");
          for (int i = 0; i < reader.getVectorSchemaRoot().getRowCount(); i++) {
            sum += a.get(i);
          }
        }
      }
      assertEquals(6, sum, "the new version is read from its CSV");
    }
  }

  private static byte[] ipc(Schema schema, BufferAllocator allocator, long... values) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
      BigIntVector a = (BigIntVector) root.getVector("a");
      a.allocateNew(values.length);
      for (int i = 0; i < values.length; i++) {
        a.set(i, values[i]);
      }
      root.setRowCount(values.length);
      writer.start();
      writer.writeBatch();
      writer.end();
    }
    return out.toByteArray();
  }
}
