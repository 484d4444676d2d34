package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DatasetRoundTripProperties {
  @Property(tries = 40)
  void commitThenCheckoutGivesTheSameBytesAndTheSameTreeGivesTheSameId(
      @ForAll("trees") Map<String, byte[]> tree) throws IOException {
    Path work = Files.createTempDirectory("ds-prop");
    try (ObjectStore a = InMemoryObjectStore.create(); ObjectStore b = InMemoryObjectStore.create()) {
      Path src = work.resolve("src");
      for (var e : tree.entrySet()) {
        Path file = src.resolve(e.getKey());
        Files.createDirectories(file.getParent());
        Files.write(file, e.getValue());
      }
      Files.createDirectories(src);
      DatasetStore first = new DefaultDatasetStore(a, Clock.systemUTC(), Optional.empty());
      DatasetVersion v = first.commit(request(src));
      first.checkout("d", work.resolve("out"));
      for (var e : tree.entrySet()) {
        assertArrayEquals(e.getValue(), Files.readAllBytes(work.resolve("out/t").resolve(e.getKey())), e.getKey());
      }
      assertEquals(tree.size(), v.files().size());
      DatasetVersion again = new DefaultDatasetStore(b, Clock.systemUTC(), Optional.empty()).commit(request(src));
      assertEquals(v.ref().versionId(), again.ref().versionId());
    } finally {
      try (Stream<Path> walk = Files.walk(work)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static CommitRequest request(Path src) {
    return CommitRequest.builder().dataset("d").add("t", src).author("a").message("m")
        .averageChunkSize(256).build();
  }

  @Provide
  Arbitrary<Map<String, byte[]>> trees() {
    Arbitrary<String> segment = Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(3);
    Arbitrary<String> path = segment.list().ofMinSize(1).ofMaxSize(3).map(s -> String.join("/", s));
    Arbitrary<byte[]> content = Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
    return Arbitraries.maps(path, content).ofMaxSize(8)
        .filter(m -> m.keySet().stream().noneMatch(p -> m.keySet().stream().anyMatch(q -> q.startsWith(p + "/"))));
  }
}
