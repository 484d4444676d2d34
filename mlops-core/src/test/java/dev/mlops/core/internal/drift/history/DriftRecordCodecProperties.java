package dev.mlops.core.internal.drift.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.drift.ColumnType;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.DriftRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A recorded drift report reads back as it was written, whatever its values (NaN and infinite
 * statistics included), and a document that is not a whole record of its key is an integrity
 * error naming the key.
 */
class DriftRecordCodecProperties {
  @Property(tries = 200)
  void everyRecordReadsBackEqual(@ForAll("records") DriftRecord record) {
    String key = DriftHistoryLog.key(record.name(), record.sequence());
    assertEquals(record, DriftRecordCodec.decode(key, DriftRecordCodec.encode(record)));
  }

  @Property(tries = 50)
  void aRecordIsSmall(@ForAll("records") DriftRecord record) {
    // the summary keeps no histogram: a few hundred bytes per column at most
    assertTrue(DriftRecordCodec.encode(record).length <= 400 + 300 * record.columns().size());
  }

  @Example
  void aRecordUnderAnotherKeyIsDamaged() {
    DriftRecord record = record(3);
    IntegrityException e = assertThrows(IntegrityException.class,
        () -> DriftRecordCodec.decode(DriftHistoryLog.key("churn", 4), DriftRecordCodec.encode(record)));
    assertTrue(e.getMessage().contains("logs/drift/churn/000000000004"), e.getMessage());
    assertTrue(e.getMessage().contains("restore it from a backup"), e.getMessage());
  }

  @Example
  void anUnknownFieldAnotherSchemaOrAMissingFieldIsDamaged() {
    String json = new String(DriftRecordCodec.encode(record(1)), StandardCharsets.UTF_8);
    String key = DriftHistoryLog.key("churn", 1);
    for (String damaged : List.of(json.replace("\"drifted\":true", "\"drifted\":true,\"extra\":1"),
        json.replace(DriftRecordCodec.SCHEMA, "mlops.drift.record/9"),
        json.replace("\"observations\":500,", ""),
        json.replace("\"statistic\":0.25", "\"statistic\":\"big\""),
        json.substring(0, json.length() - 1))) {
      assertThrows(IntegrityException.class, () -> DriftRecordCodec.decode(key, damaged.getBytes(StandardCharsets.UTF_8)),
          damaged);
    }
  }

  static DriftRecord record(long sequence) {
    return new DriftRecord("churn", sequence, Instant.parse("2026-03-01T00:00:00Z"),
        Instant.parse("2026-03-01T01:00:00Z"), 500, List.of(
            new DriftRecord.Column("age", ColumnType.NUMERIC, DriftMethod.KS, 0.25, OptionalDouble.of(1e-9), 0.05,
                true, 500),
            new DriftRecord.Column("country", ColumnType.CATEGORICAL, DriftMethod.JS, 0.01, OptionalDouble.empty(),
                0.1, false, 480)), 0.5, true);
  }

  @Provide
  Arbitrary<DriftRecord> records() {
    Arbitrary<Double> doubles = Arbitraries.oneOf(Arbitraries.doubles(),
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
            Double.MAX_VALUE));
    Arbitrary<OptionalDouble> pValues = Arbitraries.oneOf(Arbitraries.just(OptionalDouble.empty()),
        doubles.map(OptionalDouble::of));
    Arbitrary<DriftRecord.Column> columns = Combinators.combine(
        Arbitraries.strings().ofMinLength(1).ofMaxLength(20).alpha().numeric().withChars(" _.-é\"\\<"),
        Arbitraries.of(ColumnType.class), Arbitraries.of(DriftMethod.class), doubles, pValues, doubles,
        Arbitraries.of(true, false), Arbitraries.longs().greaterOrEqual(0))
        .as(DriftRecord.Column::new);
    Arbitrary<Instant> instants = Arbitraries.longs().between(-10_000_000_000L, 100_000_000_000L)
        .flatMap(seconds -> Arbitraries.integers().between(0, 999_999_999)
            .map(nanos -> Instant.ofEpochSecond(seconds, nanos)));
    Arbitrary<String> names = Arbitraries.strings().ofMinLength(1).ofMaxLength(30).alpha().numeric().withChars("-_.")
        .filter(dev.mlops.api.Names::isValid);
    return Combinators.combine(names,
        Arbitraries.longs().between(1, 999_999_999_999L), instants, Arbitraries.longs().between(0, 1_000_000_000L),
        Arbitraries.longs().greaterOrEqual(0), columns.list().ofMaxSize(6), doubles, Arbitraries.of(true, false))
        .as((name, sequence, from, span, observations, list, share, decision) -> new DriftRecord(name, sequence,
            from, from.plusSeconds(span), observations, list, share, decision));
  }
}
