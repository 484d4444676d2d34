package dev.mlops.cli.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.cli.CliRun;
import dev.mlops.core.MlOps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsCommandTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;
  private String lr;
  private String gbm;

  private CliRun mlops(String... args) {
    return CliRun.inStore(dir.resolve("store"), args);
  }

  @BeforeEach
  void runs() {
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      lr = run(mlops, "lr", 0.91);
      gbm = run(mlops, "gbm", 0.95);
    }
  }

  private static String run(MlOps mlops, String model, double accuracy) {
    try (Run run = mlops.experiments().start(RunSpec.builder().experiment("credit")
        .param("model", model).tag("team", "risk").build())) {
      run.log("accuracy", accuracy - 0.2, 0);
      run.log("accuracy", accuracy, 1);
      run.log("loss", Double.NaN, 0);
      return run.id();
    }
  }

  @Test
  void lsAndSearchListRunsAsTextAndJson() throws Exception {
    CliRun ls = mlops("runs", "ls", "--experiment", "credit");
    assertEquals(0, ls.exitCode(), ls.err());
    assertTrue(ls.out().contains(lr) && ls.out().contains(gbm), ls.out());
    CliRun search = mlops("--json", "runs", "search", "metrics.accuracy > 0.93 and params.model = 'gbm'");
    assertEquals(0, search.exitCode(), search.err());
    JsonNode found = MAPPER.readTree(search.out());
    assertEquals(1, found.size());
    assertEquals(gbm, found.get(0).get("id").asText());
    assertEquals("NaN", found.get(0).get("metrics").get("loss").asText());
    CliRun ordered = mlops("--json", "runs", "search", "tags.team = 'risk'", "--order-by",
        "metrics.accuracy", "--asc", "--limit", "1");
    assertEquals(lr, MAPPER.readTree(ordered.out()).get(0).get("id").asText());
  }

  @Test
  void aBadFilterFailsWithThePosition() {
    CliRun bad = mlops("runs", "search", "metrics.accuracy >");
    assertEquals(1, bad.exitCode());
    assertTrue(bad.err().contains("position 18"), bad.err());
  }

  @Test
  void showPrintsMetricsAsEveryOtherCommandDoes() throws Exception {
    String id;
    try (MlOps mlops = MlOps.local(dir.resolve("store"));
         Run run = mlops.experiments().start(RunSpec.builder().experiment("fmt").build())) {
      run.log("accuracy", 0.726775956284153, 0);
      run.log("rows", 400, 0);
      run.log("zero", 0, 0);
      id = run.id();
    }
    CliRun show = mlops("runs", "show", id);
    assertEquals(0, show.exitCode(), show.err());
    // four significant digits, zero as 0, whole numbers without ".0" (Numbers.format, as models show)
    assertTrue(show.out().contains("metric     accuracy = 0.7268\n"), show.out());
    assertTrue(show.out().contains("metric     rows = 400\n"), show.out());
    assertTrue(show.out().contains("metric     zero = 0\n"), show.out());
    JsonNode json = MAPPER.readTree(mlops("--json", "runs", "show", id).out());
    assertEquals(0.726775956284153, json.get("metrics").get("accuracy").asDouble(), 0.0);
  }

  @Test
  void showCompareAndExport() throws Exception {
    CliRun show = mlops("--json", "runs", "show", lr);
    assertEquals(0, show.exitCode(), show.err());
    assertEquals("FINISHED", MAPPER.readTree(show.out()).get("status").asText());
    assertEquals(1, mlops("runs", "show", "nope").exitCode());

    Path html = dir.resolve("cmp.html");
    CliRun compare = mlops("runs", "compare", lr, gbm, "--html", html.toString());
    assertEquals(0, compare.exitCode(), compare.err());
    assertTrue(compare.out().contains("* params.model"), compare.out());
    assertTrue(Files.readString(html).contains("<svg"));

    CliRun csv = mlops("runs", "export", lr, "--format", "csv");
    assertEquals(0, csv.exitCode(), csv.err());
    List<String> lines = csv.out().strip().lines().toList();
    assertEquals("key,step,timestamp,value", lines.get(0));
    assertEquals(4, lines.size(), csv.out());
    assertTrue(lines.get(1).startsWith("accuracy,0,"));
    assertTrue(lines.get(3).startsWith("loss,0,") && lines.get(3).endsWith(",NaN"));

    CliRun json = mlops("runs", "export", lr, "--format", "json");
    JsonNode points = MAPPER.readTree(json.out()).get("points");
    assertEquals(0.91, points.get("accuracy").get("values").get(1).asDouble(), 1e-12);
    assertEquals("NaN", points.get("loss").get("values").get(0).asText());
  }
}
