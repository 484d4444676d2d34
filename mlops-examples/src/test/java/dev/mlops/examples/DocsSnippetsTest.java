package dev.mlops.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunQuery;
import dev.mlops.api.experiment.RunStatus;
import dev.mlops.core.MlOps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the docs' code true: a code block preceded by {@code <!-- snippet:NAME from PATH -->} must
 * be exactly the text between {@code // snippet:NAME} and {@code // end:NAME} in that compiled
 * source file (indentation aside), and the example classes it comes from must run.
 */
@DisplayName("The docs' code snippets")
class DocsSnippetsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern MARKER = Pattern.compile(
      "<!-- snippet:([\\w-]+) from ([\\w./-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern MARKER_LINE = Pattern.compile("<!-- snippet:[\\w-]+ from [\\w./-]+ -->");

  @Test
  @DisplayName("are copies of compiled example code, and the guides use at least one")
  void areCopiesOfCompiledCode() throws IOException {
    int checked = 0;
    for (Path page : pages()) {
      Matcher block = MARKER.matcher(Files.readString(page));
      while (block.find()) {
        String source = Files.readString(ROOT.resolve(block.group(2)));
        assertEquals(snippet(source, block.group(1), block.group(2)), dedent(block.group(3)),
            page.getFileName() + ": snippet " + block.group(1) + " differs from " + block.group(2));
        checked++;
      }
    }
    assertTrue(checked > 0, "no snippet markers found in README.md or docs/");
  }

  @Test
  @DisplayName("cover every Java block of README.md and docs/: each one carries a snippet marker")
  void coverEveryJavaBlock() throws IOException {
    List<String> unmarked = new ArrayList<>();
    for (Path page : pages()) {
      List<String> lines = Files.readAllLines(page);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).strip().startsWith("```java") && !markedAbove(lines, i)) {
          unmarked.add(ROOT.relativize(page) + ":" + (i + 1));
        }
      }
    }
    assertEquals(List.of(), unmarked, "Java blocks that no test compiles or runs: put the code between"
        + " '// snippet:NAME' and '// end:NAME' in a test or example that runs it, and precede the block"
        + " with '<!-- snippet:NAME from PATH -->'");
  }

  @Test
  @DisplayName("log-a-run runs and leaves one finished run with its five loss points")
  void logARunRuns(@TempDir Path dir) {
    LogARun.main(new String[] {dir.toString()});

    try (MlOps mlops = MlOps.local(dir)) {
      List<RunInfo> runs = mlops.experiments().search(RunQuery.experiment("hello"));
      assertEquals(1, runs.size());
      assertEquals(RunStatus.FINISHED, runs.get(0).status());
      assertEquals(5, mlops.experiments().history(runs.get(0).id(), "loss").size());
      assertEquals(0.2, runs.get(0).latestMetrics().get("loss"), 1e-12); // 1.0 / epoch 5
    }
  }

  @Test
  @DisplayName("version-data runs and leaves two versions, the first unchanged")
  void versionDataRuns(@TempDir Path dir) throws IOException {
    VersionData.main(new String[] {dir.toString()});

    try (MlOps mlops = MlOps.local(dir)) {
      try (Stream<DatasetVersion> history = mlops.datasets().history("sales")) {
        assertEquals(2, history.count());
      }
      // Sizes from the example's text: a 10-byte header, then 2000 and 100 lines of 13 bytes.
      assertEquals(10 + 2000 * 13, mlops.datasets().resolve("sales@main~1").size());
      assertEquals(10 + 2100 * 13, mlops.datasets().resolve("sales").size());
    }
  }

  @Test
  @DisplayName("detect-drift runs and finds July 2015 hotter than July 2012")
  void detectDriftRuns(@TempDir Path dir) {
    PrintStream console = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      DetectDrift.main(new String[] {dir.toString()});
    } finally {
      System.setOut(console);
    }
    // Seattle's July 2015 was hot: mean temp_max 28.1 °C vs 22.9 °C in July 2012
    // (awk over the shipped CSV); KS at 0.05 must see it.
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("temp_max: KS"), out.toString());
    assertTrue(out.toString(StandardCharsets.UTF_8).matches("(?s).*temp_max: KS .* drifted true.*"),
        out.toString());
  }

  @Test
  @DisplayName("serve-a-model runs and leaves one version behind the staging alias")
  void serveAModelRuns(@TempDir Path dir) throws IOException {
    ServeAModel.main(new String[] {dir.toString()});

    try (MlOps mlops = MlOps.local(dir)) {
      assertEquals(1, mlops.models().versions("weather").size());
      assertEquals(1, mlops.models().aliases("weather").get("staging"));
      assertEquals(1, mlops.models().aliasHistory("weather", "staging").size());
    }
  }

  /** README.md and every page under docs/. */
  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** Tells whether the nearest non-blank line above line {@code i} is a snippet marker. */
  private static boolean markedAbove(List<String> lines, int i) {
    for (int above = i - 1; above >= 0; above--) {
      if (!lines.get(above).isBlank()) {
        return MARKER_LINE.matcher(lines.get(above).strip()).matches();
      }
    }
    return false;
  }

  private static String snippet(String source, String name, String path) {
    int start = source.indexOf("// snippet:" + name + "\n");
    int end = source.indexOf("// end:" + name);
    assertFalse(start < 0 || end < start, path + " has no snippet " + name);
    String body = source.substring(source.indexOf('\n', start) + 1, end);
    return dedent(body.substring(0, body.lastIndexOf('\n') + 1));
  }

  private static String dedent(String text) {
    List<String> lines = Arrays.asList(text.split("\n", -1));
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent))
        .collect(Collectors.joining("\n")).strip();
  }
}
