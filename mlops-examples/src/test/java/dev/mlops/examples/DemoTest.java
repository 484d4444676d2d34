package dev.mlops.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.api.drift.DriftRecord;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunQuery;
import dev.mlops.api.experiment.RunStatus;
import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.retrain.Automation;
import dev.mlops.api.retrain.PipelineRun;
import dev.mlops.api.retrain.RequestStatus;
import dev.mlops.api.retrain.RetrainDecision;
import dev.mlops.api.retrain.RetrainRequest;
import dev.mlops.api.retrain.Retraining;
import dev.mlops.api.retrain.StepRecord;
import dev.mlops.api.validation.ValidationReport;
import dev.mlops.core.MlOps;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the demo once on a fresh store, then checks what each available step left in the store. */
@DisplayName("The demo")
class DemoTest {
  @TempDir static Path dir;
  static URI store;
  static String story;
  static String errors;
  static boolean ok;

  @BeforeAll
  static void runTheDemoOnce() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    store = MlOps.toStoreUri(dir.resolve("store").toString());
    ok = Demo.run(store, dir.resolve("reports"), print(out), print(err));
    story = out.toString(StandardCharsets.UTF_8);
    errors = err.toString(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("succeeds on a fresh directory, each step either done or honestly not available")
  void succeedsOnAFreshDirectory() {
    assertTrue(ok, errors + story);
    assertEquals("", errors);
    for (int step = 1; step <= 6; step++) {
      assertTrue(story.contains("\n" + step + ". ") || story.contains("step " + step + " ("),
          "step " + step + " is missing from the story:\n" + story);
    }
    assertTrue(story.contains("bin/mlops --store " + store), story);
    assertTrue(story.contains("bin/mlops ui --store " + store), "the demo says how to browse its store: " + story);
  }

  @Test
  @DisplayName("step 1 commits 2012-2013 then 2012-2014, the second storing less than its size")
  void commitsTwoDatasetVersions() throws Exception {
    try (MlOps mlops = MlOps.open(store)) {
      if (!available(mlops::datasets)) {
        return;
      }
      List<DatasetVersion> history;
      try (var versions = mlops.datasets().history(Demo.NAME)) {
        history = versions.toList();
      }
      assertEquals(2, history.size());
      // Expected content computed from the shipped CSV: its header and the 2012..2014 lines.
      List<String> lines = Files.readAllLines(Path.of("src/main/resources/seattle-weather.csv"));
      String expected = lines.stream().filter(l -> !l.matches("2015.*"))
          .collect(Collectors.joining("\n", "", "\n"));
      try (InputStream in = mlops.datasets().open(Demo.NAME, "weather.csv")) {
        assertEquals(expected, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      Matcher second = Pattern.compile("2012-2014, ([\\d,]+) bytes, ([\\d,]+) new bytes").matcher(story);
      assertTrue(second.find(), story);
      long size = Long.parseLong(second.group(1).replace(",", ""));
      long newBytes = Long.parseLong(second.group(2).replace(",", ""));
      assertEquals(expected.length(), size);
      assertTrue(newBytes < size / 2, "the second commit stored " + newBytes + " of " + size);
    }
  }

  @Test
  @DisplayName("step 2 logs the four sweep runs with curves, input data and an ONNX artifact")
  void logsTheSweep() {
    try (MlOps mlops = MlOps.open(store)) {
      if (!available(mlops::experiments)) {
        return;
      }
      List<RunInfo> sweep = mlops.experiments().search(RunQuery.experiment(Demo.NAME)
          .withStatus(RunStatus.FINISHED).where("params.train_years = '2012-2012'"));
      assertEquals(WeatherTrainer.SWEEP.size(), sweep.size());
      for (RunInfo run : sweep) {
        assertEquals(10, mlops.experiments().history(run.id(), "val_accuracy").size(), run.name());
        assertTrue(run.artifacts().stream().anyMatch(a -> a.path().equals("model.onnx")), run.name());
        assertEquals(available(mlops::datasets) ? 1 : 0, run.inputs().size(), run.name());
      }
      RunInfo best = sweep.stream().max((a, b) -> Double.compare(
          a.latestMetrics().get("val_accuracy"), b.latestMetrics().get("val_accuracy"))).orElseThrow();
      assertTrue(story.contains("best run by search (this session's runs, metrics.val_accuracy descending): "
          + best.name() + " " + best.id()), story);
      assertTrue(best.latestMetrics().get("val_accuracy") > 60.0 / 365,
          "better than always answering 2012's majority label rain (60 rain days in 2013)");
    }
  }

  @Test
  @DisplayName("steps 3 and 4 register the best run's model, validate it and promote it through the gate")
  void validatesAndPromotesTheBestRun() {
    try (MlOps mlops = MlOps.open(store)) {
      if (!available(mlops::validator) || !available(mlops::models) || !available(mlops::experiments)) {
        return;
      }
      ModelVersion first = mlops.models().resolve(Demo.NAME + "/1");
      RunInfo run = mlops.experiments().run(first.lineage().runId().orElseThrow()).orElseThrow();
      assertEquals("2012-2012", run.params().get("train_years"));
      List<String> reports = mlops.validator().reportsFor(Demo.NAME + "/1");
      assertEquals(1, reports.size());
      assertTrue(mlops.validator().report(reports.get(0)).passed());
      List<AliasMove> history = mlops.models().aliasHistory(Demo.NAME, Demo.PRODUCTION);
      assertEquals(1, history.get(0).to().getAsInt());
      assertTrue(mlops.models().policies(Demo.NAME).get(Demo.PRODUCTION).requireGate());
    }
  }

  @Test
  @DisplayName("step 6 retrains when the policy fires, and production moves only with a passing report")
  void retrainsAndPromotesOnlyThroughTheGate() {
    try (MlOps mlops = MlOps.open(store)) {
      if (!story.contains("FIRED")) {
        assertFalse(available(() -> mlops.retrainPolicy(WeatherRelease.policy("test"))), story);
        return;
      }
      assertEquals(2, mlops.models().versions(Demo.NAME).size());
      boolean passed = mlops.validator().report(
          mlops.validator().reportsFor(Demo.NAME + "/2").get(0)).passed();
      int expected = passed ? 2 : 1;
      assertEquals(expected, mlops.models().aliases(Demo.NAME).get(Demo.PRODUCTION));
      assertEquals(expected, mlops.models().aliasHistory(Demo.NAME, Demo.PRODUCTION).size());
    }
  }

  @Test
  @DisplayName("step 6 sends the large drift to a person: the approval is recorded and leads to the promotion")
  void theLargeDriftWaitsForANamedApproval() {
    try (MlOps mlops = MlOps.open(store)) {
      if (!story.contains("FIRED")) {
        return;
      }
      Retraining retraining = mlops.retraining();
      String policy = retraining.policies().get(0);
      RetrainDecision fired = retraining.decisions(policy, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"))
          .stream().filter(RetrainDecision::fired).findFirst().orElseThrow();
      // March 2015: 5 of 6 columns drifted (drift.share 0.83, above the default rule's limit 0.3).
      assertEquals(Optional.of(Automation.APPROVAL), fired.automation(), fired.toString());
      RetrainRequest request = retraining.request(fired.requestId().orElseThrow());
      assertEquals(RequestStatus.APPROVED, request.status());
      assertEquals(Optional.of(Demo.APPROVER), request.decidedBy());
      assertEquals(Optional.of(Demo.APPROVAL_REASON), request.reason());
      assertTrue(request.executed(), "the approved request ran");
      assertTrue(story.contains("pending request " + request.id()), story);
      assertTrue(story.indexOf("APPROVED by " + Demo.APPROVER) < story.indexOf("registered " + Demo.NAME + "/2"),
          "nothing is retrained before the approval:\n" + story);

      // The pipeline ran under the request's id and recorded each step's lineage.
      PipelineRun run = retraining.pipelineRun("retrain-weather", request.id()).orElseThrow();
      assertTrue(run.completed(), run.toString());
      assertEquals(List.of("prepare", "train", "register", "validate", "promote"),
          run.steps().stream().map(StepRecord::name).toList());
      Map<String, String> promote = run.steps().get(4).inputs();
      assertEquals(Demo.NAME + "/2", promote.get("model"));
      assertEquals(Optional.of(promote.get("run")),
          mlops.models().resolve(Demo.NAME + "/2").lineage().runId());
      ValidationReport report = mlops.validator().report(promote.get("validation"));
      String status = run.steps().get(4).outputs().get("promotion.status");
      assertEquals(report.passed() ? "APPROVED" : Retraining.REFUSED, status);

      // The alias history names the approver and the request that let the retrain happen.
      if (report.passed()) {
        AliasMove move = mlops.models().aliasHistory(Demo.NAME, Demo.PRODUCTION).get(1);
        assertEquals("retrain-pipeline, approved by " + Demo.APPROVER, move.actor());
        assertTrue(move.reason().contains(request.id()), move.reason());
      }
    }
  }

  @Test
  @DisplayName("step 5 serves all 365 days of 2015 and reports the twelve months")
  void monitors2015() {
    try (MlOps mlops = MlOps.open(store)) {
      if (!available(mlops::drift)) {
        return;
      }
    }
    assertTrue(story.contains("365 predictions"), story);
    assertTrue(story.contains("DriftMonitor weather-inputs"), story);
    for (int month = 1; month <= 12; month++) {
      assertTrue(story.contains(String.format("   2015-%02d  ", month)), story);
    }
  }

  @Test
  @DisplayName("step 5 records each month's report over its month, and says where the web UI shows them")
  void recordsTheMonthlyReports() {
    Matcher named = Pattern.compile("recorded in the drift history (weather-monthly-[0-9a-f]{8}) ").matcher(story);
    assertTrue(named.find(), story);
    String history = named.group(1);
    assertTrue(story.contains("http://127.0.0.1:5000/retraining?days=365&monitor=" + history), story);
    try (MlOps mlops = MlOps.open(store)) {
      List<DriftRecord> records = mlops.drift().history(history).list();
      assertEquals(12, records.size());
      for (int month = 1; month <= 12; month++) {
        DriftRecord record = records.get(month - 1);
        YearMonth served = YearMonth.of(2015, month);
        assertEquals(served.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC), record.from(), "month " + month);
        assertEquals(served.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC), record.to());
        assertEquals(served.lengthOfMonth(), record.observations(), "a day is an observation");
        // The story's table prints the same report's drifted columns for the month.
        String printed = record.driftedColumns().isEmpty() ? "-" : String.join(", ", record.driftedColumns());
        assertTrue(Pattern.compile("\n   " + served + "  [0-9.]+      " + Pattern.quote(printed) + "\n")
            .matcher(story).find(), served + " " + printed + "\n" + story);
      }
    }
  }

  @Test
  @DisplayName("writes reports that headless Chromium renders with their charts and no console error")
  void reportsRenderInChromium(@TempDir Path profiles) throws Exception {
    Optional<Path> chromium = Chromium.find();
    assumeTrue(chromium.isPresent(), "no chromium on the PATH (.ci/run installs Debian's chromium)");
    List<String> expected = new ArrayList<>();
    try (Stream<Path> pages = Files.list(dir.resolve("reports"))) {
      pages.map(p -> p.getFileName().toString()).sorted().forEach(expected::add);
    }
    try (MlOps mlops = MlOps.open(store)) {
      assertEquals(available(mlops::experiments), expected.contains("runs.html"), expected.toString());
      assertEquals(available(mlops::drift), expected.contains("drift.html"), expected.toString());
      assertEquals(available(mlops::validator), expected.contains("validation.html"), expected.toString());
      assertEquals(story.contains("FIRED"), expected.contains("alias-history.html"), expected.toString());
    }
    for (String name : expected) {
      Path page = dir.resolve("reports").resolve(name);
      Path png = Path.of("target", "report-screenshots", name.replace(".html", ".png"));
      Chromium.Output loaded = Chromium.render(chromium.get(), page, png, profiles.resolve(name));
      assertTrue(loaded.dom().contains("<svg"), name + " has no chart after load:\n" + loaded.dom());
      assertEquals(List.of(), loaded.consoleMessages(), name + " logged to the console");
      assertTrue(Files.size(png) > 10_000, png + " is too small to show the page");
    }
  }

  @Test
  @DisplayName("draws label drift as markers, versions as whole-number steps, and names classes and bytes")
  void reportsShowEachQuantityAsWhatItIs() throws Exception {
    Path reports = dir.resolve("reports");
    if (Files.exists(reports.resolve("drift.html"))) {
      String drift = Files.readString(reports.resolve("drift.html"));
      assertEquals(1, drift.split("<polyline", -1).length - 1, "accuracy is the only line");
      List<String> flags = HtmlReportTest.groups(drift, "<circle class=\"flag\" data-value=\"(true|false)\"");
      assertEquals(12, flags.size(), "a marker per month");
      for (int month = 1; month <= 12; month++) {
        boolean drifted = Pattern.compile("<td>2015-" + String.format("%02d", month) + "</td><td>\\d+</td>"
            + "<td>[0-9.]+</td><td>[^<]*\\bweather\\b").matcher(drift).find();
        assertEquals(Boolean.toString(drifted), flags.get(month - 1), "month " + month);
      }
    }
    if (Files.exists(reports.resolve("alias-history.html"))) {
      String history = Files.readString(reports.resolve("alias-history.html"));
      List<String> ticks = HtmlReportTest.groups(history, "<text class=\"y-tick\"[^>]*>([^<]+)</text>");
      assertFalse(ticks.isEmpty());
      assertTrue(ticks.stream().allMatch(t -> t.matches("\\d+")), "whole versions only: " + ticks);
      assertTrue(history.contains("<path class=\"steps\""));
    }
    if (Files.exists(reports.resolve("validation.html"))) {
      String validation = Files.readString(reports.resolve("validation.html"));
      for (String label : WeatherData.LABELS) {
        assertTrue(validation.contains("<th scope=\"col\">" + label + "</th>"), label);
      }
      assertTrue(validation.contains(" KiB</span>"), "bytes in binary units");
      assertFalse(Pattern.compile("\\d[eE][+-]\\d").matcher(validation).find(), "no exponents");
    }
  }

  @Test
  @DisplayName("latency charts' labels do not overlap as Chromium lays them out")
  void latencyLabelsDoNotOverlapInChromium(@TempDir Path temp) throws Exception {
    Optional<Path> chromium = Chromium.find();
    assumeTrue(chromium.isPresent(), "no chromium on the PATH (.ci/run installs Debian's chromium)");
    Path page = dir.resolve("reports").resolve("validation.html");
    assumeTrue(Files.exists(page), "the validator is not available");

    List<String> lines = measureLabels(chromium.get(), Files.readString(page), temp);

    assertEquals(2, lines.stream().filter(l -> l.startsWith("checked ")).count(), "two latency charts: " + lines);
    assertTrue(lines.stream().filter(l -> l.startsWith("checked ")).allMatch(l -> Integer.parseInt(l.substring(8)) > 3),
        "three markers and the ticks measured: " + lines);
    assertEquals(List.of(), lines.stream().filter(l -> l.startsWith("overlap")).toList());
  }

  @Test
  @DisplayName("the label measurement sees labels that overlap (so that its silence means something)")
  void labelMeasurementSeesOverlaps(@TempDir Path temp) throws Exception {
    Optional<Path> chromium = Chromium.find();
    assumeTrue(chromium.isPresent(), "no chromium on the PATH (.ci/run installs Debian's chromium)");
    String page = "<!DOCTYPE html><html><body><svg class=\"latency\" width=\"300\" height=\"50\">"
        + "<text class=\"marker\" x=\"10\" y=\"12\" font-size=\"11\">p50 0.0254</text>"
        + "<text class=\"marker\" x=\"14\" y=\"12\" font-size=\"11\">p95 0.0551</text></svg></body></html>";

    List<String> lines = measureLabels(chromium.get(), page, temp);

    assertEquals(List.of("overlap 0: p50 0.0254 / p95 0.0551", "checked 2"), lines);
  }

  /** Loads the page in Chromium with a script that compares every latency label's laid-out box. */
  private static List<String> measureLabels(Path chromium, String html, Path temp) throws Exception {
    String measure = "<script>const out=[];document.querySelectorAll('svg.latency').forEach((svg,k)=>{"
        + "const boxes=[...svg.querySelectorAll('text.marker, text.tick')].map(t=>({t:t.textContent,b:t.getBBox()}));"
        + "for(let i=0;i<boxes.length;i++)for(let j=i+1;j<boxes.length;j++){const a=boxes[i].b,c=boxes[j].b;"
        + "if(a.x<c.x+c.width&&c.x<a.x+a.width&&a.y<c.y+c.height&&c.y<a.y+a.height)"
        + "out.push('overlap '+k+': '+boxes[i].t+' / '+boxes[j].t);}"
        + "out.push('checked '+boxes.length);});"
        + "document.body.insertAdjacentHTML('beforeend','<pre id=\"measured\">'+out.join('\\n')+'</pre>');</script>";
    Path measured = Files.writeString(temp.resolve("measured.html"), html.replace("</body>", measure + "</body>"));
    Chromium.Output loaded = Chromium.render(chromium, measured, temp.resolve("measured.png"), temp.resolve("profile"));
    List<String> found = HtmlReportTest.groups(loaded.dom(), "<pre id=\"measured\">([^<]*)</pre>");
    assertFalse(found.isEmpty(), loaded.dom());
    return List.of(found.get(found.size() - 1).split("\n")); // the last: the script's own text comes first
  }

  @Test
  @DisplayName("the console check sees a page's console error (so that its silence means something)")
  void consoleCheckSeesErrors(@TempDir Path temp) throws Exception {
    Optional<Path> chromium = Chromium.find();
    assumeTrue(chromium.isPresent(), "no chromium on the PATH (.ci/run installs Debian's chromium)");
    Path page = Files.writeString(temp.resolve("bad.html"),
        "<!DOCTYPE html><html><body><script>console.error('boom')</script></body></html>");

    Chromium.Output loaded = Chromium.render(chromium.get(), page, temp.resolve("bad.png"), temp.resolve("profile"));

    assertTrue(loaded.consoleMessages().stream().anyMatch(m -> m.contains("boom")), loaded.toString());
  }

  @Test
  @DisplayName("fails with a message when the store cannot be opened")
  void failsWhenTheStoreIsAFile(@TempDir Path other) throws Exception {
    Path file = Files.writeString(other.resolve("file"), "x");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    boolean failed = !Demo.run(file.toUri(), other.resolve("reports"), print(new ByteArrayOutputStream()), print(err));

    assertTrue(failed);
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("demo: "));
  }

  private static boolean available(Supplier<?> accessor) {
    try {
      accessor.get();
      return true;
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
