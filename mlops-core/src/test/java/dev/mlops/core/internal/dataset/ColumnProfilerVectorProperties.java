package dev.mlops.core.internal.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * A batch of longs, doubles or text profiled from its Arrow vector (read through NIO views of its
 * buffers) gives the profile and sketch of the same values given one by one, nulls included.
 */
class ColumnProfilerVectorProperties {
  @Property(tries = 200)
  void doublesFromTheVectorAsOneByOne(@ForAll("doubles") List<Double> values) {
    try (BufferAllocator allocator = new RootAllocator();
        Float8Vector vector = new Float8Vector("x", allocator)) {
      vector.allocateNew(values.size());
      for (int i = 0; i < values.size(); i++) {
        if (values.get(i) == null) {
          vector.setNull(i);
        } else {
          vector.set(i, values.get(i));
        }
      }
      vector.setValueCount(values.size());
      Field field = new Field("x", FieldType.nullable(new ArrowType.FloatingPoint(
          org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE)), null);
      assertSame(field, vector, values);
    }
  }

  @Property(tries = 200)
  void longsFromTheVectorAsOneByOne(@ForAll("longs") List<Long> values) {
    try (BufferAllocator allocator = new RootAllocator();
        BigIntVector vector = new BigIntVector("n", allocator)) {
      vector.allocateNew(values.size());
      for (int i = 0; i < values.size(); i++) {
        if (values.get(i) == null) {
          vector.setNull(i);
        } else {
          vector.set(i, values.get(i));
        }
      }
      vector.setValueCount(values.size());
      assertSame(new Field("n", FieldType.nullable(new ArrowType.Int(64, true)), null), vector, values);
    }
  }

  @Property(tries = 200)
  void textFromTheVectorAsOneByOne(@ForAll("texts") List<String> values) {
    try (BufferAllocator allocator = new RootAllocator();
        org.apache.arrow.vector.VarCharVector vector = new org.apache.arrow.vector.VarCharVector("s", allocator)) {
      vector.allocateNew(values.size());
      for (int i = 0; i < values.size(); i++) {
        if (values.get(i) == null) {
          vector.setNull(i);
        } else {
          vector.setSafe(i, values.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
      }
      vector.setValueCount(values.size());
      Field field = new Field("s", FieldType.nullable(new ArrowType.Utf8()), null);
      ColumnProfiler fromVector = new ColumnProfiler(field);
      fromVector.update(vector, values.size());
      fromVector.update(vector, values.size() / 2);
      ColumnProfiler oneByOne = new ColumnProfiler(field);
      for (List<String> batch : List.of(values, values.subList(0, values.size() / 2))) {
        for (String value : batch) {
          if (value == null) {
            oneByOne.missing();
          } else {
            oneByOne.value(value);
          }
        }
      }
      assertEquals(oneByOne.finish(), fromVector.finish());
      org.apache.arrow.vector.types.pojo.Schema schema = new org.apache.arrow.vector.types.pojo.Schema(List.of(field));
      assertArrayEquals(TableSketches.encode("t", TableWriter.sketches(schema, List.of(oneByOne))),
          TableSketches.encode("t", TableWriter.sketches(schema, List.of(fromVector))));
    }
  }

  /**
   * A text batch of more bytes than the profiler copies at a time (64 KiB): values that cross
   * the window's end, values longer than the window, and empty ones and nulls between them.
   */
  @Property(tries = 30)
  void textBeyondOneWindowFromTheVectorAsOneByOne(@ForAll("largeTexts") List<String> values) {
    textFromTheVectorAsOneByOne(values);
  }

  @Provide
  Arbitrary<List<String>> largeTexts() {
    Arbitrary<String> small = Arbitraries.strings().withCharRange('a', 'c').withChars('é').ofMaxLength(12);
    Arbitrary<String> large = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(100).ofMaxLength(3_000);
    Arbitrary<String> huge = Arbitraries.strings().withCharRange('a', 'b').ofMinLength(60_000).ofMaxLength(140_000);
    Arbitrary<String> value = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(40, small),
        net.jqwik.api.Tuple.of(20, large), net.jqwik.api.Tuple.of(1, huge), net.jqwik.api.Tuple.of(5, Arbitraries.just("")),
        net.jqwik.api.Tuple.of(5, Arbitraries.just(null)));
    return value.list().ofMinSize(100).ofMaxSize(400);
  }

  @Provide
  Arbitrary<List<String>> texts() {
    // Few distinct values (exact counts), many (purges past 768), ASCII and not, empty strings.
    Arbitrary<String> few = Arbitraries.of("a", "b", "", "é", "日本", "ab");
    Arbitrary<String> many = Arbitraries.strings().withCharRange('a', 'z').withChars('ü', '€').ofMaxLength(70);
    Arbitrary<String> value = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, few), net.jqwik.api.Tuple.of(4, many),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
    return value.list().ofMaxSize(2_000);
  }

  private static void assertSame(Field field, org.apache.arrow.vector.FieldVector vector, List<? extends Number> values) {
    ColumnProfiler fromVector = new ColumnProfiler(field);
    fromVector.update(vector, values.size());
    fromVector.update(vector, values.size() / 2); // a second batch, a prefix of the first
    ColumnProfiler oneByOne = new ColumnProfiler(field);
    for (List<? extends Number> batch : List.of(values, values.subList(0, values.size() / 2))) {
      for (Number value : batch) {
        if (value == null) {
          oneByOne.missing();
        } else {
          oneByOne.value(value.doubleValue());
        }
      }
    }
    assertEquals(oneByOne.finish(), fromVector.finish());
    org.apache.arrow.vector.types.pojo.Schema schema = new org.apache.arrow.vector.types.pojo.Schema(List.of(field));
    assertArrayEquals(TableSketches.encode("t", TableWriter.sketches(schema, List.of(oneByOne))),
        TableSketches.encode("t", TableWriter.sketches(schema, List.of(fromVector))));
  }

  @Provide
  Arbitrary<List<Double>> doubles() {
    Arbitrary<Double> special = Arbitraries.of(Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE);
    Arbitrary<Double> value = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, Arbitraries.doubles()),
        net.jqwik.api.Tuple.of(1, special), net.jqwik.api.Tuple.of(2, Arbitraries.just(null)));
    return value.list().ofMaxSize(700);
  }

  @Provide
  Arbitrary<List<Long>> longs() {
    Arbitrary<Long> value = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, Arbitraries.longs()),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L)),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(null)));
    return value.list().ofMaxSize(700);
  }
}
