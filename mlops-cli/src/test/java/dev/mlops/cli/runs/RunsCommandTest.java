package dev.mlops.cli.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.cli.Main;
import dev.mlops.core.MlOps;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsCommandTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;
  private String lr;
  private String gbm;

  record Result(int code, String out, String err) {}

  private Result mlops(String... args) {
    List<String> all = new ArrayList<>(List.of("--store", dir.resolve("store").toString()));
    all.addAll(List.of(args));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(all.toArray(String[]::new), o, e, Map.of());
    }
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
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
    Result ls = mlops("runs", "ls", "--experiment", "credit");
    assertEquals(0, ls.code(), ls.err());
    assertTrue(ls.out().contains(lr) && ls.out().contains(gbm), ls.out());
    Result search = mlops("--json", "runs", "search", "metrics.accuracy > 0.93 and params.model = 'gbm'");
    assertEquals(0, search.code(), search.err());
    JsonNode found = MAPPER.readTree(search.out());
    assertEquals(1, found.size());
    assertEquals(gbm, found.get(0).get("id").asText());
    assertEquals("NaN", found.get(0).get("metrics").get("loss").asText());
    Result ordered = mlops("--json", "runs", "search", "tags.team = 'risk'", "--order-by",
        "metrics.accuracy", "--asc", "--limit", "1");
    assertEquals(lr, MAPPER.readTree(ordered.out()).get(0).get("id").asText());
  }

  @Test
  void aBadFilterFailsWithThePosition() {
    Result bad = mlops("runs", "search", "metrics.accuracy >");
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("position 18"), bad.err());
  }

  @Test
  void showCompareAndExport() throws Exception {
    Result show = mlops("--json", "runs", "show", lr);
    assertEquals(0, show.code(), show.err());
    assertEquals("FINISHED", MAPPER.readTree(show.out()).get("status").asText());
    assertEquals(1, mlops("runs", "show", "nope").code());

    Path html = dir.resolve("cmp.html");
    Result compare = mlops("runs", "compare", lr, gbm, "--html", html.toString());
    assertEquals(0, compare.code(), compare.err());
    assertTrue(compare.out().contains("* params.model"), compare.out());
    assertTrue(Files.readString(html).contains("<svg"));

    Result csv = mlops("runs", "export", lr, "--format", "csv");
    assertEquals(0, csv.code(), csv.err());
    List<String> lines = csv.out().strip().lines().toList();
    assertEquals("key,step,timestamp,value", lines.get(0));
    assertEquals(4, lines.size(), csv.out());
    assertTrue(lines.get(1).startsWith("accuracy,0,"));
    assertTrue(lines.get(3).startsWith("loss,0,") && lines.get(3).endsWith(",NaN"));

    Result json = mlops("runs", "export", lr, "--format", "json");
    JsonNode points = MAPPER.readTree(json.out()).get("points");
    assertEquals(0.91, points.get("accuracy").get("values").get(1).asDouble(), 1e-12);
    assertEquals("NaN", points.get("loss").get("values").get(0).asText());
  }
}
