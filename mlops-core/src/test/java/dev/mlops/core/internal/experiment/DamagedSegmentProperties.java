package dev.mlops.core.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.IntegrityException;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A metric segment with a flipped bit or a cut-off end is refused with an
 * {@link IntegrityException} by every reading path (whole block, preview, verification), never
 * with another exception or a huge allocation.
 */
class DamagedSegmentProperties {
  private static final String[] NAMES = {"loss", "accuracy", "lr"};
  private static final byte[] SEGMENT = segment();

  private static byte[] segment() {
    MetricChunk chunk = new MetricChunk(3_000);
    for (int i = 0; i < chunk.capacity(); i++) {
      chunk.keys[i] = i % NAMES.length;
      chunk.steps[i] = i / NAMES.length;
      chunk.times[i] = 1_700_000_000_000L + i / 7;
      chunk.values[i] = Math.sin(i) / (1 + i);
    }
    chunk.size = chunk.capacity();
    ByteSink out = new ByteSink(16);
    SegmentCodec.encode(List.of(chunk), NAMES, NAMES.length, out, new SegmentCodec.Scratch());
    return Arrays.copyOf(out.array(), out.size());
  }

  @Property(tries = 2_000)
  void aFlippedBitIsAnIntegrityError(@ForAll @IntRange(min = 0, max = 1 << 30) int at,
      @ForAll @IntRange(min = 0, max = 7) int bit) {
    byte[] damaged = SEGMENT.clone();
    damaged[at % damaged.length] ^= (byte) (1 << bit);
    assertEveryPathRefuses(damaged);
  }

  @Property(tries = 500)
  void aCutOffSegmentIsAnIntegrityError(@ForAll @IntRange(min = 0, max = 1 << 30) int length) {
    assertEveryPathRefuses(Arrays.copyOf(SEGMENT, length % SEGMENT.length));
  }

  @Property(tries = 50)
  void theIntactSegmentReads(@ForAll @IntRange(min = 0, max = 2) int key) {
    SegmentCodec.verify("s", SEGMENT);
    SegmentCodec.Block block = SegmentCodec.find("s", SEGMENT, NAMES[key]);
    long[] steps = new long[block.count()];
    SegmentCodec.decode(block, steps, new long[block.count()], new double[block.count()], 0);
    long[] expected = new long[1_000];
    Arrays.setAll(expected, i -> i);
    assertArrayEquals(expected, steps);
  }

  @Example
  void aSegmentCutRightAfterItsPreviewsIsRefused() {
    // Found by the property above with seed -5800851215864980800 (a cut at 4,748 bytes): the
    // cut segment ends with the previews' CRC, so its last 4 bytes match what precedes them and
    // find() handed out a block past the end (ArrayIndexOutOfBoundsException on decoding).
    int previewsEnd = SegmentCodec.header("s", SEGMENT, SEGMENT.length).blocksStart();
    assertEveryPathRefuses(Arrays.copyOf(SEGMENT, previewsEnd));
  }

  @Example
  void aHeaderClaimingBillionsOfKeysIsRefusedBeforeAllocating() {
    // "MSG3", then the key count 2^31 - 1 as a varint, then nothing
    byte[] forged = {'M', 'S', 'G', '3', (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
    IntegrityException e = assertThrows(IntegrityException.class,
        () -> SegmentCodec.header("s", forged, forged.length));
    assertTrue(e.getMessage().contains("2147483647 keys"), e.getMessage());
  }

  @Example
  void aNegativeSizeInTheHeaderIsRefused() {
    // one key, name length -1 as a 10-byte varint
    byte[] forged = {'M', 'S', 'G', '3', 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01, 0, 0, 0, 0};
    IntegrityException e = assertThrows(IntegrityException.class,
        () -> SegmentCodec.header("s", forged, forged.length));
    assertTrue(e.getMessage().contains("out of range"), e.getMessage());
  }

  private static void assertEveryPathRefuses(byte[] damaged) {
    assertThrows(IntegrityException.class, () -> SegmentCodec.verify("s", damaged));
    for (String name : NAMES) {
      assertThrows(IntegrityException.class, () -> {
        SegmentCodec.Block block = SegmentCodec.find("s", damaged, name);
        if (block != null) {
          decode(block);
        }
      });
    }
    // A preview read parses the header of the first bytes before it checks the preview CRC: a
    // damaged header must fail there too, or the preview CRC must catch it. Damage past the
    // previews is not the preview's business, so only refusals are checked.
    try {
      SegmentCodec.Header h = SegmentCodec.header("s", damaged, damaged.length);
      for (String name : NAMES) {
        SegmentCodec.Block block = SegmentCodec.findPreview("s", damaged, h, name);
        if (block != null) {
          decode(block);
        }
      }
    } catch (IntegrityException expected) {
      // refused, as it should be when the damage lies in the header or previews
    }
  }

  private static void decode(SegmentCodec.Block block) {
    int n = block.count();
    SegmentCodec.decode(block, new long[n], new long[n], new double[n], 0);
  }
}
