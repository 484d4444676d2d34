package dev.mlops.core.internal.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Comparison;
import dev.mlops.api.validation.CheckResult;
import dev.mlops.api.validation.LatencyProfile;
import dev.mlops.api.validation.MetaMetrics;
import dev.mlops.api.validation.ValidationReport;
import dev.mlops.api.validation.ValueThreshold;
import dev.mlops.core.input.ByteUnits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

/**
 * What a person reads off the validation page: latency on a log axis whose marker labels do not
 * overlap, bytes in binary units, plain large numbers, class names in the confusion matrix.
 */
class ReportChartsTest {
  /** 199 calls between 0.020 and 0.030 ms and one of 2.8 ms, as measured on a busy host. */
  private static LatencyProfile skewed() {
    List<Double> samples = new ArrayList<>();
    for (int i = 0; i < 199; i++) {
      samples.add(0.020 + 0.010 * i / 198);
    }
    samples.add(2.8);
    double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new LatencyProfile(1, Percentiles.of(sorted, 0.50), Percentiles.of(sorted, 0.95),
        Percentiles.of(sorted, 0.99), samples);
  }

  private static ValidationReport report() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put(MetaMetrics.ALLOCATED_PER_PREDICTION, 1444.0);
    metrics.put(MetaMetrics.PEAK_NATIVE, 4_194_304.0);
    metrics.put(MetaMetrics.THROUGHPUT, 1_187_600.0);
    Map<String, String> units = Map.of(MetaMetrics.ALLOCATED_PER_PREDICTION, "bytes",
        MetaMetrics.PEAK_NATIVE, "bytes", MetaMetrics.THROUGHPUT, "rows/s");
    ValueThreshold limit = new ValueThreshold(MetaMetrics.ALLOCATED_PER_PREDICTION,
        Comparison.AT_MOST, 256.0 * 1024 * 1024, false);
    CheckResult check = Thresholds.value(limit, 1444.0, Optional.empty());
    List<List<Long>> confusion = List.of(List.of(5L, 1L, 0L), List.of(0L, 7L, 2L), List.of(1L, 0L, 9L));
    return new ValidationReport("0".repeat(64), "charts", Optional.empty(), List.of(check), metrics, units,
        List.of(), List.of(skewed()), confusion, Instant.parse("2026-01-01T00:00:00Z"),
        List.of("drizzle", "fog", "<rain>"));
  }

  @Test
  void bytesReadInBinaryUnitsAndNoNumberHasAnExponent() {
    String html = ValidationReportPage.render(report());

    assertTrue(html.contains(">1.41 KiB<"), "1444 / 1024 = 1.41 KiB");
    assertTrue(html.contains(">4 MiB<"), "4,194,304 = 4 x 1024 x 1024");
    assertTrue(html.contains(">256 MiB<"), "the threshold 268,435,456 bytes");
    assertTrue(html.contains("title=\"4,194,304 bytes\""), "the exact count as tooltip");
    assertTrue(html.contains(">1,187,600<"), "throughput with thousands separators");
    assertTrue(html.contains("required &lt;= 256 MiB"), "the check's message speaks bytes too");
    assertFalse(Pattern.compile("\\d[eE][+-]?\\d").matcher(html.replaceAll("#[0-9a-f]{6}", ""))
        .find(), "no 2.68435e+08 or 2.68435456E8 anywhere");
  }

  @Test
  void theLatencyAxisIsLogarithmicAndHoldsTheOutlier() {
    String svg = latencySvg(ValidationReportPage.render(report()));
    assertTrue(svg.contains("data-scale=\"log\""));
    Map<String, Double> ticks = new LinkedHashMap<>();
    Matcher m = Pattern.compile("<text class=\"tick\" x=\"([0-9.]+)\"[^>]*>([0-9.]+)</text>").matcher(svg);
    while (m.find()) {
      ticks.put(m.group(2), Double.parseDouble(m.group(1)));
    }
    // Ticks from the 1-2-5 step below the fastest call (0.02) to the one above the slowest (5).
    assertEquals(List.of("0.02", "0.05", "0.1", "0.2", "0.5", "1", "2", "5"), List.copyOf(ticks.keySet()));
    // On a log axis each factor of ten takes the same width: 0.1 -> 1 as 0.02 -> 0.2.
    assertEquals(ticks.get("1") - ticks.get("0.1"), ticks.get("0.2") - ticks.get("0.02"), 0.2);
  }

  @Test
  void percentileLabelsDoNotOverlapEvenWhenThePercentilesAreClose() {
    String svg = latencySvg(ValidationReportPage.render(report()));
    record Box(double x, double y, double width, String text) {}
    List<Box> boxes = new ArrayList<>();
    Matcher m = Pattern.compile("<text class=\"marker\" x=\"([0-9.]+)\" y=\"([0-9.]+)\"[^>]*>([^<]+)</text>")
        .matcher(svg);
    while (m.find()) {
      boxes.add(new Box(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
          m.group(3).length() * ValidationReportPage.LABEL_CHAR_WIDTH, m.group(3)));
    }
    assertEquals(3, boxes.size(), svg);
    // p50 (0.025) and p95 (0.0295) are 0.07 decades apart, about 8 px on this axis: one row can't hold both.
    for (int i = 0; i < boxes.size(); i++) {
      for (int j = i + 1; j < boxes.size(); j++) {
        Box a = boxes.get(i);
        Box b = boxes.get(j);
        boolean sameRow = Math.abs(a.y() - b.y()) < 12; // font size 11
        boolean apart = a.x() + a.width() <= b.x() || b.x() + b.width() <= a.x();
        assertTrue(!sameRow || apart, a + " overlaps " + b);
      }
    }
  }

  @Test
  void theConfusionMatrixNamesTheClasses() {
    String html = ValidationReportPage.render(report());
    String matrix = html.substring(html.indexOf("<h2>Confusion matrix"));

    for (String name : List.of("drizzle", "fog", "&lt;rain&gt;")) {
      assertTrue(matrix.contains("<th scope=\"col\">" + name + "</th>"), name);
      assertTrue(matrix.contains("<th scope=\"row\">" + name + "</th>"), name);
    }
  }

  @Test
  void classNamesSurviveTheStoredJsonAndAreAbsentWhenNotGiven() {
    ValidationReport named = report();
    assertEquals(named.classNames(), ReportJson.read(named.id(), ReportJson.write(named)).classNames());

    ValidationReport unnamed = new ValidationReport(named.id(), named.suite(), named.model(), named.checks(),
        named.metrics(), named.units(), named.slices(), named.latency(), named.confusionMatrix(),
        named.createdAt());
    String json = ReportJson.write(unnamed);
    assertFalse(json.contains("classNames"), "reports without names keep the JSON (and id) they had");
    assertEquals(List.of(), ReportJson.read(unnamed.id(), json).classNames());
    String unnamedPage = ValidationReportPage.render(unnamed);
    assertTrue(unnamedPage.contains("<th scope=\"col\">2</th>"), "indices when no names were given");
  }

  @Test
  void byteUnitsMatchHandComputedValues() {
    assertEquals("130 bytes", ByteUnits.format(130));
    assertEquals("1 KiB", ByteUnits.format(1024));
    assertEquals("1.41 KiB", ByteUnits.format(1444));      // 1444 / 1024 = 1.4102
    assertEquals("64 KiB", ByteUnits.format(65_536));
    assertEquals("134 MiB", ByteUnits.format(140_709_888)); // / 1048576 = 134.19
    assertEquals("256 MiB", ByteUnits.format(268_435_456));
    assertEquals("1.5 GiB", ByteUnits.format(1.5 * (1L << 30)));
    assertEquals("268,435,456 bytes", ByteUnits.exact(268_435_456));
  }

  @Test
  void aThresholdIsDescribedWithoutAnExponent() {
    assertEquals("memory.allocated_per_prediction.bytes <= 268435456",
        new ValueThreshold(MetaMetrics.ALLOCATED_PER_PREDICTION, Comparison.AT_MOST, 268_435_456, false)
            .describe());
    assertEquals("accuracy >= 0.45", new ValueThreshold("accuracy", Comparison.AT_LEAST, 0.45, false).describe());
    // The walkthrough's check name: "<= 65536.0" beside a threshold cell that said 64 KiB.
    assertEquals("memory.allocated_per_prediction.bytes <= 65536",
        new ValueThreshold(MetaMetrics.ALLOCATED_PER_PREDICTION, Comparison.AT_MOST, 65_536, false).describe());
  }

  @Test
  void checkMessagesPrintWholeNumbersAsIntegers() {
    // The walkthrough's gate message printed "baseline 1.00000" beside "required >= 0.9900".
    assertEquals("1", Thresholds.number(1.0));
    assertEquals("0.7420", Thresholds.number(0.742));
    assertEquals("400", Thresholds.number(400));
    assertEquals("1,187,600", Thresholds.number(1_187_600));
    assertEquals("-0.0500", Thresholds.number(-0.05));
  }

  @Property
  void theLatencyAxisHoldsEveryCallWithinOne125StepEachSide(
      @ForAll @DoubleRange(min = 1e-4, max = 1e4) @Scale(8) double fastest,
      @ForAll @DoubleRange(min = 1, max = 1e5) double spread) {
    double slowest = fastest * spread;
    LatencyAxis axis = LatencyAxis.of(fastest, slowest);
    assertTrue(axis.low() <= fastest * (1 + 1e-9) && axis.low() > fastest / 2.5 * (1 - 1e-9), axis.low() + " vs " + fastest);
    // The next 1-2-5 step is at most 2.5 times the last (2 -> 5), so the ends are within that factor.
    assertTrue(axis.high() >= slowest * (1 - 1e-9) && axis.high() <= slowest * 2.5 * (1 + 1e-9),
        axis.high() + " vs " + slowest);
    assertTrue(axis.high() > axis.low());
    List<Double> ticks = axis.ticks();
    assertFalse(ticks.isEmpty());
    double[] positions = ticks.stream().mapToDouble(axis::fraction).toArray();
    double[] sorted = positions.clone();
    Arrays.sort(sorted);
    assertTrue(Arrays.equals(positions, sorted), "ticks run left to right");
    assertTrue(positions[0] >= 0 && positions[positions.length - 1] <= 1);
  }

  private static String latencySvg(String html) {
    int start = html.indexOf("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"latency\"");
    return html.substring(start, html.indexOf("</svg>", start));
  }
}
