package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.core.internal.content.ChunkRef;
import dev.mlops.core.internal.content.FileContent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** A view's manifest (definition, chunk-less table entries, plain entries) survives encode and decode. */
class ViewManifestProperties {
  @Property(tries = 200)
  void viewManifestsRoundTrip(
      @ForAll @Size(max = 4) List<@AlphaChars @StringLength(min = 1, max = 8) String> columns,
      @ForAll Optional<@StringLength(max = 20) String> where,
      @ForAll @LongRange(min = 1, max = 1L << 40) long size,
      @ForAll @LongRange(min = 0, max = 1L << 40) long rows) {
    String sha = "ab".repeat(32);
    Manifest.Entry table = new Manifest.Entry("t", new FileContent(sha, size, List.of()),
        Optional.of(new Manifest.TableMeta(rows, "{}", new TreeMap<>())));
    Manifest.Entry plain = new Manifest.Entry("readme", new FileContent("cd".repeat(32), 10,
        List.of(new ChunkRef("cd".repeat(32), 10))));
    Manifest manifest = new Manifest(Optional.of("ef".repeat(32)), "m", "a", new TreeMap<>(Map.of("k", "v")),
        List.of(table, plain), List.of("weather@" + "01".repeat(32)), "view of weather",
        Optional.of(new Manifest.View("weather@" + "01".repeat(32), columns.stream().distinct().toList(), where)));
    byte[] bytes = ManifestCodec.encode(manifest);
    Manifest decoded = ManifestCodec.decode(bytes, "p");
    assertEquals(manifest, decoded);
    assertEquals(List.of(), decoded.files().get(1).content().chunks(), "the view's table has no chunks");
    assertArrayEquals(bytes, ManifestCodec.encode(decoded));
  }
}
