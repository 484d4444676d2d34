package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.drift.profile.SketchProfile;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** Random tables: the stored sketches round-trip and hold what the data holds. */
class TableSketchesProperties {
  @Property(tries = 40)
  void sketchesOfACommittedTableMatchTheData(
      @ForAll @Size(min = 1, max = 400) List<@DoubleRange(min = -1e6, max = 1e6) Double> numbers,
      @ForAll @Size(min = 1, max = 400) List<@StringLength(min = 0, max = 3) String> words) {
    int n = Math.max(numbers.size(), words.size());
    try (BufferAllocator allocator = new RootAllocator();
        ObjectStore store = InMemoryObjectStore.create();
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(
            Field.nullable("x", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            Field.nullable("w", ArrowType.Utf8.INSTANCE))), allocator)) {
      root.allocateNew();
      Map<String, Long> wordCounts = new HashMap<>();
      double sum = 0;
      for (int i = 0; i < n; i++) {
        Float8Vector x = (Float8Vector) root.getVector("x");
        VarCharVector w = (VarCharVector) root.getVector("w");
        if (i < numbers.size()) {
          x.setSafe(i, numbers.get(i));
          sum += numbers.get(i);
        } else {
          x.setNull(i);
        }
        if (i < words.size()) {
          w.setSafe(i, words.get(i).getBytes(StandardCharsets.UTF_8));
          wordCounts.merge(words.get(i), 1L, Long::sum);
        } else {
          w.setNull(i);
        }
      }
      root.setRowCount(n);
      DatasetStore datasets = new DefaultDatasetStore(store, Clock.systemUTC(), Optional.empty());
      String sha = datasets.commit(CommitRequest.builder().dataset("p")
          .addTable("t", new TableSource.FromRoot(root)).build()).files().get(0).sha256();

      SketchProfile profile = (SketchProfile) datasets.profile("p");
      assertEquals(numbers.size(), profile.count("x"));
      assertEquals(words.size(), profile.count("w"));
      // Fewer than 768 distinct words: the frequent-items counts are exact.
      assertEquals(wordCounts, profile.categorical("w").counts());
      // The sketch keeps exact moments: compare with a two-pass population std computed here.
      double mean = sum / numbers.size();
      double squares = numbers.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
      double std = Math.sqrt(squares / numbers.size());
      assertEquals(std, profile.numeric("x").std(), 1e-6 * (1 + std));
      // KLL always keeps the smallest and largest value.
      double min = numbers.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      double max = numbers.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      assertEquals(min, profile.numeric("x").quantile(0));
      assertEquals(max, profile.numeric("x").quantile(1));
      // Encoding and reading again keeps what the sketches say (the bytes may differ: the
      // frequent-items map is rebuilt in another order when read).
      SketchProfile again = TableSketches.read(reencoded(store, sha, profile), sha, "p").orElseThrow();
      assertEquals(profile.categorical("w").counts(), again.categorical("w").counts());
      for (double rank : ColumnProfiler.RANKS) {
        assertEquals(profile.numeric("x").quantile(rank), again.numeric("x").quantile(rank));
      }
      assertEquals(profile.numeric("x").std(), again.numeric("x").std());
    }
  }

  private static ObjectStore reencoded(ObjectStore store, String sha, SketchProfile profile) {
    store.delete(TableSketches.key(sha));
    store.putIfAbsent(TableSketches.key(sha), TableSketches.encode(sha, profile));
    return store;
  }
}
