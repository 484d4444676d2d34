package dev.mlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.OnnxTestModels;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ordinary bad input on every command: each is a failure the user can fix, so it exits 1 (or 2 for
 * a usage error) with one line on stderr that says what is wrong, never "unexpected" and never a
 * stack trace. {@code {dir}} in a case stands for a directory of prepared files, {@code {run}} for
 * a run's id.
 */
@DisplayName("Bad input")
class BadInputTest {
  @TempDir static Path dir;
  private static Path store;
  private static String runId;

  /** One case: the arguments after --store, the exit code, a fragment of the one stderr line. */
  private record Case(String args, int exit, String says) {}

  private static final List<Case> CASES = List.of(
      // datasets
      new Case("data commit d {dir}/missing.csv", 1, "no such file or directory"),
      new Case("data log nope", 1, "No dataset named 'nope'"),
      new Case("data log weather~99", 1, "goes back further than the first version"),
      new Case("data show ../etc@x", 1, "Invalid dataset name '../etc'"),
      new Case("data checkout weather {dir}/empty.csv", 1, "it is a file, not a directory"),
      new Case("data checkout weather {dir}/empty.csv/sub", 1, "is a file, not a directory"),
      new Case("data tag weather v\u00a01", 1, "Invalid tag name"),
      new Case("store gc --grace soon", 2, "is not a duration"),
      new Case("data view v weather --where temp_max\u00a0>", 1, "Invalid filter at position 10"),
      new Case("data view v weather --where " + "(".repeat(2_000) + "a=1" + ")".repeat(2_000), 1,
          "more than 100 levels"),
      new Case("data view v weather --where " + "not\u00a0".repeat(25_000) + "a=1", 1, "more than 100 levels"),
      // runs
      new Case("runs search " + "(".repeat(4_000) + "metrics.a>1" + ")".repeat(4_000), 1, "more than 100 levels"),
      new Case("runs search " + "not\u00a0".repeat(25_000) + "metrics.a>1", 1, "more than 100 levels"),
      new Case("runs search metrics.accuracy\u00a0>>\u00a01", 1, "Invalid filter at position 18"),
      new Case("runs show " + "x".repeat(100_000), 1, "(100000 characters)"),
      new Case("runs export {run} --format csv --output {dir}/missing-dir/x.csv", 1, "does not exist; create it"),
      new Case("runs export {run} --format csv --output {dir}/folder", 1, "is a directory"),
      new Case("runs compare {run} {run} --html {dir}/missing-dir/r.html", 1, "does not exist; create it"),
      // models
      new Case("models show churn/99", 1, "has no version 99"),
      new Case("models register m {dir}/missing.onnx", 1, "no such file or directory"),
      new Case("models register m {dir}/random.bin --format ONNX", 1, "not an ONNX model"),
      new Case("models history churn --at yesterday", 2, "'yesterday' is not an instant"),
      new Case("models predict churn/1 {dir}/folder", 1, "is a directory"),
      new Case("models predict churn/1 {dir}/empty.csv", 1, "holds no rows"),
      new Case("models predict churn/1 {dir}/latin1.csv", 1, "line 2: is not UTF-8 text"),
      new Case("models predict churn/1 {dir}/huge.csv", 1, "longer than 8,388,608 characters"),
      new Case("models predict churn/1 {dir}/truncated-rows.json", 1, "ends before the JSON is complete"),
      new Case("models predict churn/1 {dir}/text-rows.json", 1, "not a number"),
      new Case("models predict churn/1 {dir}/empty.json", 1, "must hold a JSON array of rows"),
      // validation
      new Case("validate churn/1 --data {dir}/labelled.csv --label y --suite {dir}/suite.json"
          + " --html {dir}/missing-dir/r.html", 1, "does not exist; create it"),
      new Case("validate churn/1 --data {dir}/labelled.csv --label y --suite {dir}/truncated.json", 1,
          "suite is not valid JSON (line 1, column"),
      new Case("validate churn/1 --data {dir}/labelled.csv --label y --suite {dir}/missing.json", 1,
          "--suite"),
      new Case("validate churn/1 --data {dir}/labelled.csv --label y --suite {dir}/folder", 1,
          "is a directory"),
      new Case("validate churn/1 --data {dir}/folder --label y --suite {dir}/suite.json", 1,
          "is a directory, not a CSV file"),
      new Case("validate churn/1 --data {dir}/latin1.csv --label a --suite {dir}/suite.json", 1,
          "line 2: is not UTF-8 text"),
      new Case("validate churn/1 --data {dir}/huge.csv --label a --suite {dir}/suite.json", 1,
          "longer than 8,388,608 characters"),
      // drift
      new Case("drift --reference {dir}/labelled.csv --current {dir}/empty.csv", 1, "is empty"),
      new Case("drift --reference {dir}/labelled.csv --current {dir}/latin1.csv", 1, "line 2: is not UTF-8 text"),
      new Case("drift --reference {dir}/labelled.csv --current {dir}/folder", 1, "is a directory"),
      new Case("drift --reference {dir}/labelled.csv --current {dir}/open-quote.csv", 1, "never closed"),
      new Case("drift --reference {dir}/labelled.csv --current {dir}/huge.csv", 1, "longer than 8,388,608"),
      new Case("drift --reference {dir}/labelled.csv --current {dir}/labelled.csv --html {dir}/missing-dir/d.html",
          1, "does not exist; create it"),
      new Case("drift --reference {dir}/labelled.csv --current {dir}/labelled.csv --html {dir}/folder", 1,
          "is a directory"),
      new Case("drift stream --detector adwin {dir}/words.txt", 1, "line 2: 'abc' is not a number"),
      new Case("drift stream --detector adwin {dir}/folder", 1, "is a directory"),
      // retraining
      new Case("retrain backtest --policy {dir}/truncated.json {dir}/signals.csv", 1,
          "The policy is not valid JSON (line 1"),
      new Case("retrain backtest --policy {dir}/random.bin {dir}/signals.csv", 1, "is not UTF-8 text"),
      new Case("retrain backtest --policy {dir}/folder {dir}/signals.csv", 1, "is a directory"),
      new Case("retrain backtest --policy {dir}/policy.json {dir}/bad-time.csv", 1,
          "'at' must be an instant"),
      new Case("retrain backtest --policy {dir}/policy.json {dir}/duplicate.csv", 1, "appears twice"),
      new Case("retrain history --since yesterday", 1, "--since must be an instant"),
      new Case("retrain approve " + "x".repeat(100_000), 1, "(100000 characters)"),
      // the store itself
      new Case("--store {dir}/missing-store runs ls", 1, "not an mlops store"),
      new Case("--store file:relative runs ls", 1, "is not a local directory"),
      new Case("--store {dir}/empty.csv runs ls", 1, "is a file, not a directory"));

  @BeforeAll
  static void prepare() throws IOException {
    store = dir.resolve("store");
    Path model = OnnxTestModels.write(OnnxTestModels.logisticRegression(new float[][] {{1f, -1f}, {0.5f, 2f}},
        new float[] {0.1f, -0.2f}), dir.resolve("model.onnx"));
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("w.csv"), "temp_max,y\n1,0\n2,1\n");
    try (MlOps mlops = MlOps.local(store)) {
      mlops.datasets().commit(CommitRequest.builder().dataset("weather").add("raw", data).build());
      mlops.models().register(ModelSpec.builder().model("churn").artifact(model, ModelFormat.ONNX).build());
      try (Run run = mlops.experiments().start(RunSpec.builder().experiment("e").build())) {
        run.log("a", 1.0);
        runId = run.id();
      }
    }
    Files.createDirectories(dir.resolve("folder"));
    Files.writeString(dir.resolve("empty.csv"), "");
    Files.writeString(dir.resolve("empty.json"), "");
    Files.write(dir.resolve("latin1.csv"), new byte[] {'a', ',', 'b', '\n', '1', ',', (byte) 0xE9, '\n'});
    byte[] random = new byte[3_000];
    new java.util.Random(7).nextBytes(random);
    Files.write(dir.resolve("random.bin"), random);
    Files.writeString(dir.resolve("truncated.json"), "{\"name\": \"x\", \"checks\": [");
    Files.writeString(dir.resolve("text-rows.json"), "[[1, 2], [\"x\", 2]]");
    Files.writeString(dir.resolve("truncated-rows.json"), "[[1, 2], [1");
    Files.writeString(dir.resolve("open-quote.csv"), "f1,y\n1,\"open\n");
    Files.writeString(dir.resolve("words.txt"), "1\nabc\n");
    Files.writeString(dir.resolve("labelled.csv"), "f1,f2,y\n0.5,1,0\n1.5,-1,1\n2.5,0,1\n");
    Files.writeString(dir.resolve("suite.json"),
        "{\"name\": \"gate\", \"checks\": [{\"type\": \"value\", \"metric\": \"accuracy\", \"comparison\": \">=\","
            + " \"threshold\": 0.1}]}");
    Files.writeString(dir.resolve("policy.json"), "{\"name\": \"bt\", \"triggers\": [{\"type\": \"drift\", \"enter\": 0.3}]}");
    Files.writeString(dir.resolve("signals.csv"), "at,drift.share\n2026-03-01T00:00:00Z,0.1\n");
    Files.writeString(dir.resolve("bad-time.csv"), "at,drift.share\nnot-a-time,0.1\n");
    Files.writeString(dir.resolve("duplicate.csv"), "at,x,x\n2026-03-01T00:00:00Z,1,2\n");
    try (RandomAccessFile huge = new RandomAccessFile(dir.resolve("huge.csv").toFile(), "rw")) {
      huge.write("a,b\n1,\"".getBytes(StandardCharsets.US_ASCII));
      huge.setLength(64L << 20); // a hole of zero bytes: one 64 MiB line, no disk used
    }
  }

  @TestFactory
  @DisplayName("exits 1 (2 for usage) with one line on stderr naming the problem (a filter's caret aside), never 'unexpected' or a stack trace")
  Stream<DynamicTest> everyBadInputIsAClearOneLineError() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(label(c.args()), () -> {
      CliRun run = CliRun.of(args(c.args()));

      assertEquals(c.exit(), run.exitCode(), run.err());
      assertFalse(run.err().contains("unexpected"), run.err());
      assertFalse(run.err().contains("\tat ") || run.err().contains("Exception in thread"), run.err());
      assertTrue(run.err().contains(c.says()), "expected '" + c.says() + "' in: " + run.err());
      assertTrue(run.err().length() < 2_500, "short: " + run.err().length() + " characters");
      if (c.exit() == 1) {
        // a filter's syntax error (runs or views) adds the expression and a caret under the place
        boolean caret = run.err().startsWith("mlops: Invalid filter at position");
        assertEquals(caret ? 3 : 1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith("mlops: "), run.err());
      }
    }));
  }

  /** Splits on spaces (a no-break space inside an argument stands for a space) and fills in the placeholders. */
  private static String[] args(String line) {
    List<String> args = new ArrayList<>();
    if (!line.startsWith("--store")) {
      args.add("--store");
      args.add(store.toString());
    }
    for (String arg : line.split(" ")) {
      args.add(arg.replace("{dir}", dir.toString()).replace("{run}", runId).replace('\u00a0', ' '));
    }
    return args.toArray(String[]::new);
  }

  private static String label(String args) {
    String shown = args.replace('\u00a0', ' ');
    return shown.length() <= 100 ? shown : shown.substring(0, 100) + "… (" + shown.length() + " characters)";
  }
}
