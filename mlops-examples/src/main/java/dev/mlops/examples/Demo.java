package dev.mlops.examples;

import dev.mlops.api.GateFailedException;
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
import dev.mlops.api.registry.AliasPolicy;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.PromotionRequest;
import dev.mlops.api.retrain.PipelineRun;
import dev.mlops.api.retrain.RetrainDecision;
import dev.mlops.api.retrain.RetrainPipeline;
import dev.mlops.api.retrain.RetrainPolicy;
import dev.mlops.api.retrain.RetrainRequest;
import dev.mlops.api.retrain.Retraining;
import dev.mlops.api.validation.ValidationReport;
import dev.mlops.api.validation.Validator;
import dev.mlops.core.MlOps;
import dev.mlops.examples.WeatherData.Day;
import dev.mlops.examples.WeatherTrainer.Config;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
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
  /** The name of the dataset, the experiment and the registered model the demo writes. */
  public static final String NAME = "seattle-weather";
  /** The alias the service loads. */
  public static final String PRODUCTION = "production";
  /** Who approves the retrain the policy asks for in step 6. */
  public static final String APPROVER = "dana";
  /** Why: what she saw when she explored the data. */
  static final String APPROVAL_REASON = "explored 2015: most rainy days are now labelled fog;"
      + " retrain on 2013-2014 and let the gate judge it against the champion";

  // Tribuo logs each training at INFO through java.util.logging; the story says what matters.
  private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

  private final MlOps mlops;
  private final PrintStream out;
  private final Path work;
  private final Path reports;
  private final List<Day> days = WeatherData.load();
  private final String session = UUID.randomUUID().toString().substring(0, 8);
  private @Nullable DatasetRef firstData;
  private @Nullable DatasetRef secondData;
  private @Nullable Candidate best;
  private @Nullable Integer candidateVersion;
  private @Nullable List<WeatherMonitor.Month> months;
  private final Map<String, Candidate> retrained = new LinkedHashMap<>();

  /** A trained model: its run, its ONNX file, its validation accuracy. */
  record Candidate(Config config, LinearSGDModel model, Path onnx, double accuracy, String runId) {}

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
    // The SDK's own meters (mlops.*) and the demo's go to one registry, as in a host service.
    // The demo's gate is the validator's: a passing stored report of the weather suite, made by the
    // demo's own validation (its Tribuo models need their label order, which a stored gate's generic
    // ONNX run does not know).
    try (MlOps mlops = MlOps.builder().uri(store).meterRegistry(new SimpleMeterRegistry())
        .promotionGate(m -> m.validator().promotionGate(Optional.of(WeatherGate.SUITE))).build()) {
      work = Files.createTempDirectory("mlops-demo");
      Demo demo = new Demo(mlops, out, work, reports.toAbsolutePath().normalize());
      demo.data();
      demo.experiments();
      demo.validation();
      demo.registry();
      demo.monitoring();
      demo.retraining();
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
    firstData = first.version().ref();
    secondData = second.version().ref();
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
    if (logger.isEmpty()) {
      return;
    }
    Map<String, Candidate> trained = new LinkedHashMap<>();
    for (Config config : WeatherTrainer.SWEEP) {
      Candidate run = train(logger.get(), config.name(), config, firstData, 2012, 2012,
          WeatherData.years(days, 2013, 2013));
      trained.put(run.runId(), run);
    }
    RunInfo found = logger.get().search(RunQuery.experiment(NAME).withStatus(RunStatus.FINISHED)
        .where("tags.session = '" + session + "'").orderBy("metrics.val_accuracy", true).limit(1)).get(0);
    best = trained.get(found.id());
    out.printf(Locale.ROOT, "   best run by search (this session's runs, metrics.val_accuracy descending): %s %s%n",
        found.name(), found.id());
    DemoReports.runs(logger.get(), List.copyOf(trained.keySet()), reports.resolve("runs.html"));
  }

  /** Trains one model as a logged run: params, a curve per epoch, its input data, its ONNX file. */
  private Candidate train(ExperimentLogger logger, String name, Config config,
      @Nullable DatasetRef input, int firstYear, int lastYear, List<Day> validation) {
    List<Day> train = WeatherData.years(days, firstYear, lastYear);
    RunSpec.Builder spec = RunSpec.builder().experiment(NAME).name(name)
        .tag("session", session).param("model", "logistic-regression")
        .param("train_years", firstYear + "-" + lastYear)
        .param("learning_rate", Double.toString(config.learningRate()))
        .param("epochs", Integer.toString(config.epochs())).seed("sgd", WeatherTrainer.SEED);
    if (input != null) {
      spec.input(InputRole.TRAIN, input);
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
      Path onnx = WeatherTrainer.exportOnnx(model, work.resolve(run.id() + ".onnx"));
      run.artifact("model.onnx", onnx);
      out.printf(Locale.ROOT, "   run %-8s %s: validation accuracy %.3f after %d epochs%n",
          name, run.id(), accuracy, config.epochs());
      return new Candidate(config, model, onnx, accuracy, run.id());
    }
  }

  /** Step 3: the sweep's best registered as a candidate version and validated on 2013. */
  private void validation() {
    Optional<Validator> validator = step(3, "Validation", "Validator", mlops::validator);
    if (validator.isEmpty()) {
      return;
    }
    if (best == null || !available(mlops::models)) {
      out.println("   (needs step 2's model and the ModelRegistry)");
      return;
    }
    candidateVersion = register(best, "best of the sweep, trained on 2012");
    ValidationReport report;
    try (OnnxWeatherModel candidate = OnnxWeatherModel.of(best.onnx(), WeatherTrainer.labels(best.model()))) {
      report = WeatherRelease.validate(validator.get(), candidate, null,
          WeatherData.years(days, 2013, 2013), NAME + "/" + candidateVersion);
    }
    report.checks().forEach(check -> out.println("   " + WeatherGate.describe(check)));
    out.println("   " + NAME + "/" + candidateVersion + " on 2013: " + WeatherGate.summary(report));
    write("validation.html", validator.get().toHtml(report));
  }

  private int register(Candidate candidate, String description) {
    int version = mlops.models().register(ModelSpec.builder().model(NAME)
        .artifact(candidate.onnx(), ModelFormat.ONNX).run(candidate.runId()).description(description)
        .tag("labels", String.join(",", WeatherTrainer.labels(candidate.model())))
        .metric("val_accuracy", candidate.accuracy()).build()).version();
    out.println("   registered " + NAME + "/" + version + " from run " + candidate.runId()
        + " (" + description + ")");
    return version;
  }

  /** Step 4: production is protected by the validation gate; the candidate asks to take it. */
  private void registry() {
    Optional<ModelRegistry> registry = step(4, "Registry", "ModelRegistry", mlops::models);
    if (registry.isEmpty()) {
      return;
    }
    if (candidateVersion == null) {
      out.println("   (needs step 3's validated candidate)");
      return;
    }
    if (!registry.get().policies(NAME).containsKey(PRODUCTION)) {
      registry.get().protect(NAME, PRODUCTION, AliasPolicy.gateAndApprovals(0));
    }
    out.println("   " + PRODUCTION + " is protected: it moves only for a version with a passing "
        + WeatherGate.SUITE + " report");
    if (!promote(candidateVersion, "validated best of the sweep")) {
      throw new IllegalStateException("the gate refused the first model; see validation.html");
    }
  }

  private boolean promote(int version, String reason) {
    try {
      PromotionRequest request = mlops.models().requestPromotion(NAME, PRODUCTION, version, "demo", reason);
      out.println("   " + NAME + "@" + PRODUCTION + " -> version " + version + " (" + request.status() + ")");
      return true;
    } catch (GateFailedException e) {
      out.println("   the gate refused version " + version + ": " + e.getMessage());
      return false;
    }
  }

  /** Step 5: the production model served day by day over 2015, watched for drift each month. */
  private void monitoring() {
    if (step(5, "Monitoring", "DriftDetector", mlops::drift).isEmpty()) {
      return;
    }
    if (candidateVersion == null) {
      out.println("   (needs a model in production, step 4)");
      return;
    }
    months = WeatherRelease.serve(mlops, NAME + "@" + PRODUCTION, driftHistory(session),
        WeatherData.years(days, 2012, 2012), WeatherData.years(days, 2015, 2015), out);
    DemoReports.drift(months, reports.resolve("drift.html"));
  }

  /** The drift history of one demo run's monthly reports, named by its session as its policy is. */
  static String driftHistory(String session) {
    return "weather-monthly-" + session;
  }

  /**
   * Step 6: a policy reads each month's signals. The drift that makes it fire is large, so the
   * default rule asks a person; once approved, the retrain runs as a pipeline whose promote step
   * goes through the registry's gate.
   */
  private void retraining() {
    Optional<Retraining> retraining = step(6, "Retraining", "RetrainPolicy, RetrainPipeline", mlops::retraining);
    if (retraining.isEmpty()) {
      return;
    }
    if (months == null || best == null || secondData == null) {
      out.println("   (needs steps 1, 2 and 5: the data, the champion and the monthly signals)");
      return;
    }
    List<PipelineRun> runs = new ArrayList<>();
    List<RuntimeException> failures = new ArrayList<>();
    RetrainPolicy policy = retraining.get().policy(WeatherRelease.policy(session), decision -> {
      try {
        runs.add(retrain(retraining.get(), decision));
      } catch (RuntimeException e) {
        failures.add(e);  // the policy only logs a failed action; the demo must fail with it
        throw e;
      }
    });
    out.println("   policy " + policy.config().name() + ": retrain when accuracy drops by 25% from validation"
        + " or half the columns drift, three months in a row");
    out.println("   default automation rule: small drift (drift.share <= 0.3) retrains on its own (AUTO),"
        + " larger drift waits for a person (APPROVAL)");
    Optional<RetrainDecision> fired = WeatherRelease.evaluate(policy, months, best.accuracy(), out);
    if (fired.isEmpty()) {
      return;
    }
    if (fired.get().requestId().isPresent()) {
      RetrainRequest request = retraining.get().request(fired.get().requestId().get());
      WeatherRelease.printRequest(request, out);
      RetrainRequest approved = retraining.get().approve(request.id(), APPROVER, APPROVAL_REASON);
      out.println("   " + approved.status() + " by " + approved.decidedBy().orElseThrow() + ": "
          + approved.reason().orElseThrow());
      out.println("     (from a shell: bin/mlops retrain approve " + request.id() + " --by " + APPROVER
          + " --reason \"...\")");
      policy.runApproved();
    }
    if (!failures.isEmpty() || runs.isEmpty()) {
      throw new IllegalStateException("the retrain pipeline of decision #" + fired.get().seq() + " did not"
          + " finish" + (failures.isEmpty() ? "" : ": " + failures.get(0).getMessage()),
          failures.isEmpty() ? null : failures.get(0));
    }
    PipelineRun run = runs.get(0);
    out.println("   pipeline " + run.pipeline() + " run " + run.runId() + " recorded: "
        + run.steps().stream().map(s -> s.name() + " " + s.status()).collect(Collectors.joining(", ")));
    Map<String, String> promoted = run.steps().get(run.steps().size() - 1).outputs();
    String status = promoted.get("promotion.status");
    out.println("   promote through the gate: " + (status.equals(Retraining.REFUSED)
        ? "REFUSED, production stays: " + promoted.get("promotion.reason")
        : status + ", " + promoted.get("alias") + " -> version "
            + mlops.models().resolve(promoted.get("alias")).version()));
    YearMonth month = WeatherRelease.month(fired.get());
    List<Day> rest = days.stream().filter(d -> d.date().isAfter(month.atEndOfMonth())).toList();
    out.printf(Locale.ROOT, "   on the rest of 2015: champion %.3f, retrained %.3f accuracy%n",
        WeatherTrainer.accuracy(best.model(), rest), WeatherTrainer.accuracy(retrained.get(
            run.steps().get(1).outputs().get("run")).model(), rest));
    WeatherRelease.aliasHistory(mlops.models(), NAME, PRODUCTION, reports.resolve("alias-history.html"), out);
  }

  /**
   * The retrain as a pipeline: each step's inputs and outputs are recorded under the run id, which
   * is the approved request's id, so the alias history leads back to who approved it and why.
   */
  private PipelineRun retrain(Retraining retraining, RetrainDecision decision) {
    YearMonth month = WeatherRelease.month(decision);
    String runId = decision.requestId().orElse(decision.policy() + "-" + decision.seq());
    String requester = decision.requestId().flatMap(id -> retraining.request(id).decidedBy())
        .map(person -> "retrain-pipeline, approved by " + person).orElse("retrain-pipeline");
    List<Day> seen = days.stream().filter(d -> d.date().getYear() == 2015
        && !d.date().isAfter(month.atEndOfMonth())).toList();
    // snippet:retrain-pipeline
    RetrainPipeline pipeline = RetrainPipeline.builder("retrain-weather")
        // Fresh data: the last two years of the second dataset version, the labels as coded lately.
        .step("prepare", c -> Map.of("dataset", Objects.requireNonNull(secondData).toString(),
            "train_years", "2013-2014", "validate_on", "2015-01.." + month))
        .step("train", c -> {
          Candidate candidate = train(mlops.experiments(), "retrain-" + month, best.config(),
              mlops.datasets().resolve(c.value("dataset")).ref(), 2013, 2014, seen);
          retrained.put(candidate.runId(), candidate);
          return Map.of("run", candidate.runId());
        })
        .step("register", c -> Map.of("model", NAME + "/" + register(retrained.get(c.value("run")),
            "retrained on 2013-2014 after drift in " + month)))
        .step("validate", c -> Map.of("validation", validateRetrained(retrained.get(c.value("run")),
            c.value("model"), seen).id()))
        .step("promote", retraining.promoteThroughGate(mlops.models(), PRODUCTION, requester))
        .build();
    return retraining.run(pipeline, runId, Map.of("decision", decision.policy() + "#" + decision.seq()));
    // end:retrain-pipeline
  }

  private ValidationReport validateRetrained(Candidate candidate, String model, List<Day> seen) {
    Path championFile = mlops.models().checkout(NAME + "@" + PRODUCTION, work.resolve("champion.onnx"));
    List<String> championLabels = List.of(mlops.models().resolve(NAME + "@" + PRODUCTION).tags()
        .get("labels").split(","));
    ValidationReport report;
    try (OnnxWeatherModel retrainedModel = OnnxWeatherModel.of(candidate.onnx(), WeatherTrainer.labels(candidate.model()));
        OnnxWeatherModel champion = OnnxWeatherModel.of(championFile, championLabels)) {
      report = WeatherRelease.validate(mlops.validator(), retrainedModel, champion, seen, model);
    }
    report.checks().forEach(check -> out.println("   " + WeatherGate.describe(check)));
    out.println("   " + model + " on 2015 so far, against the champion: " + WeatherGate.summary(report));
    write("validation-retrained.html", mlops.validator().toHtml(report));
    return report;
  }

  private void epilogue(URI store) {
    try (Stream<Path> written = Files.exists(reports) ? Files.list(reports) : Stream.empty()) {
      List<String> pages = written.map(p -> p.getFileName().toString()).sorted().toList();
      out.println("HTML reports, open them in a browser: " + reports + "/ " + pages);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println("Inspect the store: ./mvnw -q -pl mlops-cli -am package -DskipTests"
        + " && bin/mlops --store " + store + " store info");
    // The page's days end at the newest record when nothing is newer than them, so 365 covers 2015 on any date.
    out.println("Browse it in the web UI: bin/mlops ui --store " + store + "   (then open http://127.0.0.1:5000/;"
        + " 2015's monthly drift and the policy's decisions: http://127.0.0.1:5000/retraining?days=365&monitor="
        + driftHistory(session) + ")");
  }

  private void write(String page, String html) {
    try {
      Files.createDirectories(reports);
      Files.writeString(reports.resolve(page), html);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  private static boolean available(Supplier<?> accessor) {
    try {
      accessor.get();
      return true;
    } catch (UnsupportedOperationException e) {
      return false;
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
