package dev.mlops.core.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlops.api.IntegrityException;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The block encoding reads back every column exactly, and refuses damaged blocks. */
class BlockCodecProperties {
  @Property(tries = 300)
  void blocksReadBackIdentical(@ForAll("longs") List<Long> stepList,
      @ForAll("longs") List<Long> timeList, @ForAll("doubles") List<Double> valueList) {
    int n = Math.min(stepList.size(), Math.min(timeList.size(), valueList.size()));
    long[] steps = stepList.stream().mapToLong(Long::longValue).limit(n).toArray();
    long[] times = timeList.stream().mapToLong(Long::longValue).limit(n).toArray();
    double[] values = valueList.stream().mapToDouble(Double::doubleValue).limit(n).toArray();
    ByteSink out = new ByteSink(16);
    out.bytes(new byte[] {7}); // a block rarely starts at offset 0
    BlockCodec.writeRuns(steps, 0, n, out);
    BlockCodec.writeRuns(times, 0, n, out);
    BlockCodec.writeValues(values, 0, n, out);
    byte[] data = Arrays.copyOf(out.array(), out.size()); // no slack after the block

    long[] gotSteps = new long[n + 1];
    long[] gotTimes = new long[n + 1];
    double[] gotValues = new double[n + 1];
    ByteSource in = new ByteSource(data, 1, data.length);
    BlockCodec.decode(BlockCodec.VERSION, in, n, gotSteps, gotTimes, gotValues, 1);

    assertEquals(data.length, in.position(), "the whole block is read, nothing more");
    assertArrayEquals(steps, Arrays.copyOfRange(gotSteps, 1, n + 1));
    assertArrayEquals(times, Arrays.copyOfRange(gotTimes, 1, n + 1));
    assertArrayEquals(Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray(),
        Arrays.stream(gotValues, 1, n + 1).mapToLong(Double::doubleToRawLongBits).toArray(),
        "value bits, NaN payloads and -0.0 included");
  }

  @Property(tries = 200)
  void truncatedBlocksAreRefused(@ForAll("longs") List<Long> column, @ForAll("doubles")
      List<Double> valueList) {
    int n = Math.min(column.size(), valueList.size());
    if (n == 0) {
      return;
    }
    long[] steps = column.stream().mapToLong(Long::longValue).limit(n).toArray();
    double[] values = valueList.stream().mapToDouble(Double::doubleValue).limit(n).toArray();
    ByteSink out = new ByteSink(16);
    BlockCodec.writeRuns(steps, 0, n, out);
    BlockCodec.writeRuns(steps, 0, n, out);
    BlockCodec.writeValues(values, 0, n, out);
    byte[] data = Arrays.copyOf(out.array(), out.size());
    ByteSource in = new ByteSource(data, 0, data.length - 1);
    assertThrows(IntegrityException.class, () -> BlockCodec.decode(BlockCodec.VERSION, in, n,
        new long[n], new long[n], new double[n], 0));
  }

  @Example
  void constantStepsAndRepeatedTimesTakeOneRunEach() {
    int n = 10_000;
    long[] steps = new long[n];
    long[] times = new long[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      steps[i] = 5 + 3L * i;
      times[i] = 1_700_000_000_000L;
      values[i] = 0.25;
    }
    ByteSink out = new ByteSink(16);
    BlockCodec.writeRuns(steps, 0, n, out);
    int stepBytes = out.size();
    BlockCodec.writeRuns(times, 0, n, out);
    int timeBytes = out.size() - stepBytes;
    BlockCodec.writeValues(values, 0, n, out);
    int valueBytes = out.size() - stepBytes - timeBytes;
    // by hand: steps 5 then 9,999 times +3: (zigzag 10: 1 byte, run 0: 1 byte) + (zigzag 6: 1
    // byte, run 9998: 2 bytes); times: (zigzag 3.4e12, 42 bits: 6 bytes, run 0: 1 byte) + (0:
    // 1 byte, run 9998: 2 bytes)
    assertEquals(2 + 3, stepBytes);
    assertEquals(7 + 3, timeBytes);
    // 0.25 is 0x3FD0_0000_0000_0000: header 0x06 and the two bytes 0xD0 0x3F, then 0x80 each
    assertEquals(3 + (n - 1), valueBytes);
    assertEquals(0x06, out.array()[stepBytes + timeBytes]);
  }

  @Example
  void readsVersionTwoBlocks() {
    // a version 2 block of the points (step 1, time 1000, 0.5) and (step 2, time 1000, -1.0),
    // written out by hand: zigzag deltas 2, 2 | 2000 (0xD0 0x0F), 0 | 0.5 and -1.0 as raw bits
    byte[] data = {2, 2, (byte) 0xD0, 0x0F, 0,
        0, 0, 0, 0, 0, 0, (byte) 0xE0, 0x3F,
        0, 0, 0, 0, 0, 0, (byte) 0xF0, (byte) 0xBF};
    long[] steps = new long[2];
    long[] times = new long[2];
    double[] values = new double[2];
    BlockCodec.decode(2, new ByteSource(data, 0, data.length), 2, steps, times, values, 0);
    assertArrayEquals(new long[] {1, 2}, steps);
    assertArrayEquals(new long[] {1000, 1000}, times);
    assertArrayEquals(new double[] {0.5, -1.0}, values);
  }

  @Example
  void readsAndVerifiesWholeVersionTwoSegments() {
    // a whole "MSG2" segment as the previous build wrote it, one key "x" with the two points of
    // readsVersionTwoBlocks and no preview points, laid out by hand from SegmentCodec's format
    byte[] block = {2, 2, (byte) 0xD0, 0x0F, 0,
        0, 0, 0, 0, 0, 0, (byte) 0xE0, 0x3F,
        0, 0, 0, 0, 0, 0, (byte) 0xF0, (byte) 0xBF};
    ByteSink out = new ByteSink(16);
    out.bytes(new byte[] {'M', 'S', 'G', '2', 1, 1, 'x', 2, (byte) block.length, 0, 0});
    crc(out);
    out.bytes(block);
    crc(out);
    byte[] segment = Arrays.copyOf(out.array(), out.size());

    SegmentCodec.verify("old", segment);
    SegmentCodec.Block found = SegmentCodec.find("old", segment, "x");
    long[] steps = new long[2];
    double[] values = new double[2];
    SegmentCodec.decode(found, steps, new long[2], values, 0);
    assertArrayEquals(new long[] {1, 2}, steps);
    assertArrayEquals(new double[] {0.5, -1.0}, values);
  }

  private static void crc(ByteSink out) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(out.array(), 0, out.size());
    out.int32((int) crc.getValue());
  }

  @Example
  void aRunLongerThanItsBlockIsRefused() {
    byte[] data = {2, 5}; // delta +1, run of 6 points, in a block said to hold 3
    assertThrows(IntegrityException.class, () -> BlockCodec.decode(BlockCodec.VERSION,
        new ByteSource(data, 0, data.length), 3, new long[3], new long[3], new double[3], 0));
  }

  @Example
  void aValueHeaderClaimingMoreThanEightBytesIsRefused() {
    byte[] data = {0, 0, 0, 0, 0x45, 1, 2, 3}; // steps, times, then 4 + 5 zero bytes of 8
    assertThrows(IntegrityException.class, () -> BlockCodec.decode(BlockCodec.VERSION,
        new ByteSource(data, 0, data.length), 1, new long[1], new long[1], new double[1], 0));
  }

  @Provide
  Arbitrary<List<Long>> longs() {
    Arbitrary<Long> any = Arbitraries.oneOf(Arbitraries.longs(),
        Arbitraries.longs().between(-3, 3),
        Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L));
    Arbitrary<List<Long>> random = any.list().ofMaxSize(300);
    Arbitrary<List<Long>> ramp = Arbitraries.longs().between(-5, 5).flatMap(step ->
        Arbitraries.longs().map(first -> java.util.stream.LongStream.range(0, 200)
            .map(i -> first + step * i).boxed().toList()));
    return Arbitraries.oneOf(random, ramp);
  }

  @Provide
  Arbitrary<List<Double>> doubles() {
    return Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.doubles().between(0.1, 0.2),
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
            1.0, 2.0, Double.MIN_VALUE, Double.MAX_VALUE,
            Double.longBitsToDouble(0x7ff8000000000123L)))
        .list().ofMaxSize(300);
  }
}
