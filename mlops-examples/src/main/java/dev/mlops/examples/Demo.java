package dev.mlops.examples;

import dev.mlops.api.Comparison;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.CommitResult;
import dev.mlops.api.dataset.DatasetDiff;
import dev.mlops.api.dataset.DatasetRef;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.experiment.ExperimentLogger;
import dev.mlops.api.experiment.InputRole;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunQuery;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.api.experiment.RunStatus;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.Trigger;
import dev.mlops.core.MlOps;
import dev.mlops.examples.WeatherData.Day;
import dev.mlops.examples.WeatherTrainer.Config;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.tribuo.classification.sgd.linear.LinearSGDModel;

/**
 * The README's demo: the ML lifecycle on Seattle's weather in one run, told step by step. A step
 * whose concern is not in this build yet says so in one line and the story goes on.
 *
 * <p>Run it with {@code ./mvnw -q install -DskipTests && ./mvnw -q -pl mlops-examples exec:java};
 * add {@code -Dexec.args=/some/dir} to use another store than the default.
 */
public final class Demo {
  /** The name of the dataset and of the experiment the demo writes. */
  public static final String NAME = "seattle-weather";

  // Tribuo logs each training at INFO through java.util.logging; the story says what matters.
  private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

  private final MlOps mlops;
  private final PrintStream out;
  private final Path work;
  private final Path reports;
  private final List<Day> days = WeatherData.load();
  private final String session = UUID.randomUUID().toString().substring(0, 8);
  private @Nullable DatasetRef trainingData;
  private @Nullable Champion champion;

  /** The model chosen by the sweep, with the ONNX bytes that serve it. */
  private record Champion(Config config, LinearSGDModel model, byte[] onnx, double accuracy,
      @Nullable String runId) {}

  private Demo(MlOps mlops, PrintStream out, Path work, Path reports) {
    this.mlops = mlops;
    this.out = out;
    this.work = work;
    this.reports = reports;
  }

  /**
   * Runs the demo on the store named by {@code args[0]} (a directory or a URI), or on the default
   * store ({@code $MLOPS_STORE}, else {@code ./.mlops}). Exits with status 1 if it fails.
   *
   * @param args optionally the store
   */
  public static void main(String[] args) {
    URI store = args.length > 0 ? MlOps.toStoreUri(args[0]) : MlOps.defaultStoreUri(System.getenv());
    if (!run(store, Path.of("target", "mlops-reports"), System.out, System.err)) {
      // Only on failure: exec:java runs in Maven's JVM, which must finish normally on success.
      System.exit(1);
    }
  }

  /**
   * Tells the whole story on one store.
   *
   * @param store the store's URI
   * @param reports the directory the HTML reports go to
   * @param out where the story goes
   * @param err where a failure is explained
   * @return {@code true} if every step available in this build succeeded
   */
  public static boolean run(URI store, Path reports, PrintStream out, PrintStream err) {
    TRIBUO_LOG.setLevel(Level.WARNING);
    out.println("mlops demo: the ML lifecycle on Seattle's daily weather 2012-2015, store " + store);
    Path work = null;
    try (MlOps mlops = MlOps.open(store)) {
      work = Files.createTempDirectory("mlops-demo");
      Demo demo = new Demo(mlops, out, work, reports.toAbsolutePath().normalize());
      demo.data();
      demo.experiments();
      demo.notUsedYet(demo.step(3, "Validation", "Validator", mlops::validator));
      demo.notUsedYet(demo.step(4, "Registry", "ModelRegistry", mlops::models));
      demo.monitoring();
      demo.notUsedYet(demo.step(6, "Retraining", "RetrainPolicy", () -> mlops.retrainPolicy(
          RetrainPolicyConfig.builder().name("weather-drift")
              .trigger(Trigger.when("drifted_share", Comparison.AT_LEAST, 0.5)).build())));
      demo.epilogue(store);
      return true;
    } catch (RuntimeException | IOException e) {
      err.println("demo: " + e);
      return false;
    } finally {
      delete(work);
    }
  }

  /** Step 1: two versions of the growing CSV; the second stores only what is new. */
  private void data() {
    Optional<DatasetStore> datasets = step(1, "Data", "DatasetStore", mlops::datasets);
    if (datasets.isEmpty()) {
      return;
    }
    CommitResult first = commit(datasets.get(), 2013);
    CommitResult second = commit(datasets.get(), 2014);
    DatasetDiff diff = datasets.get().diff(first.version().ref().toString(), second.version().ref().toString());
    out.printf(Locale.ROOT, "   committed %s: 2012-2013, %,d bytes, %,d new bytes stored%n",
        first.version().ref(), first.version().size(), first.newBytes());
    out.printf(Locale.ROOT, "   committed %s: 2012-2014, %,d bytes, %,d new bytes stored%n",
        second.version().ref(), second.version().size(), second.newBytes());
    out.println("   diff: modified " + diff.modified() + ", added " + diff.added() + ", removed " + diff.removed());
    trainingData = first.version().ref();
  }

  private CommitResult commit(DatasetStore datasets, int lastYear) {
    Path csv = WeatherData.writeCsv(WeatherData.years(days, 2012, lastYear), work.resolve("weather.csv"));
    return datasets.commitWithStats(CommitRequest.builder().dataset(NAME).add("weather.csv", csv)
        .averageChunkSize(1024) // small chunks for a small file, so appended days are all that is new
        .message("Seattle weather 2012-" + lastYear).build());
  }

  /** Step 2: a sweep of four learning rates, trained on 2012 and validated on 2013. */
  private void experiments() throws IOException {
    Optional<ExperimentLogger> logger = step(2, "Experiments", "ExperimentLogger", mlops::experiments);
    List<Day> train = WeatherData.years(days, 2012, 2012);
    List<Day> validation = WeatherData.years(days, 2013, 2013);
    if (logger.isEmpty()) {
      Config config = WeatherTrainer.SWEEP.get(2);
      LinearSGDModel model = WeatherTrainer.train(config, config.epochs(), train);
      champion = new Champion(config, model, new byte[0], WeatherTrainer.accuracy(model, validation), null);
      out.println("   trained " + config.name() + " without logging it");
      return;
    }
    Map<String, Champion> trained = new LinkedHashMap<>();
    for (Config config : WeatherTrainer.SWEEP) {
      Champion run = trainLogged(logger.get(), config, train, validation);
      trained.put(run.runId(), run);
    }
    RunInfo best = logger.get().search(RunQuery.experiment(NAME).withStatus(RunStatus.FINISHED)
        .where("tags.session = '" + session + "'").orderBy("metrics.val_accuracy", true).limit(1)).get(0);
    champion = trained.get(best.id());
    out.printf(Locale.ROOT, "   best run by search (this session's runs, metrics.val_accuracy descending): %s %s%n",
        best.name(), best.id());
    DemoReports.runs(logger.get(), List.copyOf(trained.keySet()), reports.resolve("runs.html"));
  }

  private Champion trainLogged(ExperimentLogger logger, Config config, List<Day> train,
      List<Day> validation) throws IOException {
    RunSpec.Builder spec = RunSpec.builder().experiment(NAME).name(config.name())
        .tag("session", session).param("model", "logistic-regression")
        .param("learning_rate", Double.toString(config.learningRate()))
        .param("epochs", Integer.toString(config.epochs())).seed("sgd", WeatherTrainer.SEED);
    if (trainingData != null) {
      spec.input(InputRole.TRAIN, trainingData).input(InputRole.VALIDATION, trainingData);
    }
    try (Run run = logger.start(spec.build())) {
      LinearSGDModel model = null;
      double accuracy = 0;
      for (int epochs = 1; epochs <= config.epochs(); epochs++) {
        model = WeatherTrainer.train(config, epochs, train);  // tiny data: retraining per point is cheap
        accuracy = WeatherTrainer.accuracy(model, validation);
        run.log("train_accuracy", WeatherTrainer.accuracy(model, train), epochs);
        run.log("val_accuracy", accuracy, epochs);
      }
      Path onnx = WeatherTrainer.exportOnnx(model, work.resolve(config.name() + ".onnx"));
      run.artifact("model.onnx", onnx);
      out.printf(Locale.ROOT, "   run %-8s %s: validation accuracy %.3f after %d epochs%n",
          config.name(), run.id(), accuracy, config.epochs());
      return new Champion(config, model, Files.readAllBytes(onnx), accuracy, run.id());
    }
  }

  /** Step 5: the champion served day by day over 2015, watched for drift each month. */
  private void monitoring() {
    if (step(5, "Monitoring", "DriftDetector", mlops::drift).isEmpty()) {
      return;
    }
    Champion model = java.util.Objects.requireNonNull(champion, "step 2 chose no model");
    byte[] onnx = model.runId() == null ? new byte[0] : readArtifact(model.runId());
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    List<WeatherMonitor.Month> months;
    if (onnx.length > 0) {
      out.println("   serving " + model.config().name() + " in ONNX Runtime, loaded from run "
          + model.runId() + "'s artifact model.onnx");
      try (OnnxWeatherModel served = new OnnxWeatherModel(onnx, WeatherTrainer.labels(model.model()))) {
        months = WeatherMonitor.serve(mlops.drift(), served::predict,
            WeatherData.years(days, 2012, 2012), WeatherData.years(days, 2015, 2015), meters);
      }
    } else {
      out.println("   serving " + model.config().name() + " in memory (no stored artifact in this build)");
      months = WeatherMonitor.serve(mlops.drift(), day -> WeatherTrainer.predict(model.model(), List.of(day)).get(0),
          WeatherData.years(days, 2012, 2012), WeatherData.years(days, 2015, 2015), meters);
    }
    Timer latency = meters.get("weather.predict").timer();
    out.printf(Locale.ROOT, "   %d predictions, mean latency %.1f µs (Micrometer timer weather.predict)%n",
        latency.count(), latency.mean(TimeUnit.MICROSECONDS));
    out.println("   month    accuracy  columns drifted from the same month of 2012");
    for (WeatherMonitor.Month month : months) {
      out.printf(Locale.ROOT, "   %s  %.2f      %s%n", month.month(), month.accuracy(),
          month.drifted().isEmpty() ? "-" : String.join(", ", month.drifted()));
    }
    DemoReports.drift(months, reports.resolve("drift.html"));
    long labelDrift = months.stream().filter(m -> m.drifted().contains("weather")).count();
    out.println("   the observed weather itself drifted in " + labelDrift + " of " + months.size()
        + " months (2015 labels most rainy days fog): the 2012 model is out of date");
  }

  private byte[] readArtifact(String runId) {
    try (InputStream in = mlops.experiments().openArtifact(runId, "model.onnx")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void epilogue(URI store) {
    try (Stream<Path> written = Files.exists(reports) ? Files.list(reports) : Stream.empty()) {
      List<String> pages = written.map(p -> p.getFileName().toString()).sorted().toList();
      out.println("HTML reports (open in a browser): " + (pages.isEmpty() ? "none in this build"
          : reports + "/ " + pages) + "; validation and alias history reports come with their concerns.");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println("Inspect the store: ./mvnw -q -pl mlops-cli -am package -DskipTests"
        + " && bin/mlops --store " + store + " store info");
  }

  /** Gets a step's concern, or says in one line that this build does not have it yet. */
  private <T> Optional<T> step(int number, String title, String concern, Supplier<T> accessor) {
    try {
      T value = accessor.get();
      out.println(number + ". " + title + " (" + concern + ")");
      return Optional.of(value);
    } catch (UnsupportedOperationException e) {
      out.println("step " + number + " (" + concern + "): not available yet in this build");
      return Optional.empty();
    }
  }

  private void notUsedYet(Optional<?> concern) {
    if (concern.isPresent()) {
      out.println("   wired in this build; the demo does not use it yet");
    }
  }

  private static void delete(@Nullable Path directory) {
    if (directory == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is harmless; the story is what matters.
    }
  }
}
