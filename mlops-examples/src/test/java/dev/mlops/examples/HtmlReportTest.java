package dev.mlops.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's charts draw each kind of quantity as what it is. */
class HtmlReportTest {
  @TempDir Path dir;

  @Test
  void yesNoFactsAreMarkersUnderTheChartNotALineOnItsAxis() throws Exception {
    String html = page(new HtmlReport("t").lineChart("c", List.of("01", "02", "03"),
        Map.of("accuracy", new double[] {0.2, 0.5, 0.4}), 1, Map.of("weather drifted", new boolean[] {true, false, true})));

    assertEquals(1, count(html, "<polyline"), "only accuracy is a line");
    List<String> values = groups(html, "<circle class=\"flag\" data-value=\"(true|false)\"");
    assertEquals(List.of("true", "false", "true"), values);
    for (String cy : groups(html, "<circle class=\"flag\"[^>]* cy=\"([0-9.]+)\"")) {
      assertTrue(Double.parseDouble(cy) > 280 - 44 + 16, "below the x labels, off the y axis: " + cy);
    }
    assertTrue(html.contains("weather drifted (filled: yes, hollow: no)"));
  }

  @Test
  void versionsAreStepsOnWholeNumberTicks() throws Exception {
    String html = page(new HtmlReport("t").stepChart("c", List.of("move 1", "move 2", "move 3", "move 4"),
        "version", new int[] {1, 2, 2, 3}));

    assertEquals(List.of("0", "1", "2", "3"), groups(html, "<text class=\"y-tick\"[^>]*>([^<]+)</text>"));
    assertFalse(html.contains("1.50") || html.contains("0.50"));
    assertTrue(html.contains("<path class=\"steps\""));
    assertEquals(List.of("version 1", "version 2", "version 2", "version 3"),
        groups(html, "<text class=\"point-label\"[^>]*>([^<]+)</text>"));
  }

  private String page(HtmlReport report) throws Exception {
    return Files.readString(report.write(dir.resolve("page.html")));
  }

  static List<String> groups(String text, String regex) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }
}
