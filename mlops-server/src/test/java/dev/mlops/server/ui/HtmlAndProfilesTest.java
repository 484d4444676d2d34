package dev.mlops.server.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mlops.api.dataset.ColumnProfile;
import java.util.List;
import java.util.OptionalDouble;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The one escaping function, and histograms drawn from a stored quantile sketch. */
class HtmlAndProfilesTest {
  @Property
  void escapedTextHasNoCharacterThatOpensMarkupOrLeavesAnAttribute(@ForAll String text) {
    String escaped = Html.esc(text);
    for (char c : new char[] {'<', '>', '"', '\''}) {
      assertFalse(escaped.indexOf(c) >= 0, "contains " + c + ": " + escaped);
    }
    // every '&' starts one of the five entities we write, so the text reads back unchanged
    String back = escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&amp;", "&");
    assertEquals(text, back);
  }

  @Test
  void histogramSharesComeFromTheSketchesCdf() {
    // Quantiles of a uniform distribution on [0, 10]: rank r has value 10 r. Each of the 20 bins
    // of width 0.5 then holds 1/20 of the values (uniform density, by hand).
    TreeMap<Double, Double> quantiles = new TreeMap<>();
    for (int i = 0; i <= 10; i++) {
      quantiles.put(i / 10.0, (double) i);
    }
    ColumnProfile uniform = new ColumnProfile("Float64", 1000, 0, 0, OptionalDouble.of(0), OptionalDouble.of(10),
        OptionalDouble.of(5), OptionalDouble.of(2.89), quantiles, List.of());
    double[] shares = Profiles.shares(uniform);
    double[] expected = new double[Profiles.BINS];
    java.util.Arrays.fill(expected, 1.0 / Profiles.BINS);
    assertArrayEquals(expected, shares, 1e-12);
  }

  @Test
  void aValueRepeatedAtTheMinimumPutsItsMassInTheFirstBin() {
    // Half the values are exactly 0 (ranks 0-0.5 all map to 0), the rest uniform on [0, 10]: the
    // first bin holds 0.5 + 0.5 * 0.05 = 0.525, every other bin 0.5 / 20 = 0.025.
    TreeMap<Double, Double> quantiles = new TreeMap<>();
    quantiles.put(0.0, 0.0);
    quantiles.put(0.5, 0.0);
    quantiles.put(1.0, 10.0);
    ColumnProfile skewed = new ColumnProfile("Float64", 1000, 0, 0, OptionalDouble.of(0), OptionalDouble.of(10),
        OptionalDouble.of(2.5), OptionalDouble.empty(), quantiles, List.of());
    double[] shares = Profiles.shares(skewed);
    assertEquals(0.525, shares[0], 1e-12);
    for (int i = 1; i < shares.length; i++) {
      assertEquals(0.025, shares[i], 1e-12, "bin " + i);
    }
  }

  @Test
  void typesReadAsDataPeopleNameThem() {
    // Arrow's own ArrowType.toString() forms, as ColumnProfile.type() stores them.
    assertEquals("int64", Profiles.typeName("Int(64, true)"));
    assertEquals("uint8", Profiles.typeName("Int(8, false)"));
    assertEquals("float64", Profiles.typeName("FloatingPoint(DOUBLE)"));
    assertEquals("string", Profiles.typeName("Utf8"));
    assertEquals("Date(DAY)", Profiles.typeName("Date(DAY)"));
  }

  @Test
  void bytesReadAsPeopleReadThemWithTheExactCountInTheTooltip() {
    // 10,496 / 1,024 = 10.25, three significant digits rounding half up: 10.3
    assertEquals("<span title=\"10,496 bytes\">10.3 KiB</span>", Html.bytes(10_496));
    assertEquals("<span title=\"14 bytes\">14 bytes</span>", Html.bytes(14));
  }
}
