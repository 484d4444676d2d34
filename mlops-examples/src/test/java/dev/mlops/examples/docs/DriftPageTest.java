package dev.mlops.examples.docs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.drift.ChangeDetector;
import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.DetectorKind;
import dev.mlops.api.drift.DetectorState;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftDetector;
import dev.mlops.api.drift.DriftHistory;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.DriftMonitor;
import dev.mlops.api.drift.DriftMonitorConfig;
import dev.mlops.api.drift.DriftRecord;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.DriftWindow;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.MlOps;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code of docs/drift.md: each region between {@code // snippet:NAME} and {@code // end:NAME}
 * is shown on the page (DocsSnippetsTest keeps the two equal) and runs here on a real store.
 */
@DisplayName("docs/drift.md")
class DriftPageTest {
  private static final String[] COUNTRIES = {"DE", "FR", "IT"};

  @TempDir Path dir;

  private final List<DriftWindow> alerts = new ArrayList<>();
  private int retrains;

  /** One request the host serves. */
  record Request(double age, double income, String country) {}

  @Test
  @DisplayName("the quick start prints each column's test when the dataset drifted")
  void quickStart() {
    URI storeUri = dir.resolve("store").toUri();
    // Ages 20..69 in training, 30..79 last day, 20 rows each: D = 10/50 = 0.2 (every x in 30..69).
    double[] trainingAges = new double[1000];
    double[] lastDayAges = new double[1000];
    String[] trainingCountries = new String[1000];
    String[] lastDayCountries = new String[1000];
    for (int i = 0; i < 1000; i++) {
      trainingAges[i] = 20 + i % 50;
      lastDayAges[i] = 30 + i % 50;
      trainingCountries[i] = i < 500 ? "DE" : i < 800 ? "FR" : "IT";   // 50 / 30 / 20 %
      lastDayCountries[i] = i < 200 ? "DE" : i < 500 ? "FR" : "IT";    // 20 / 30 / 50 %
    }

    String printed = Console.printed(() -> {
      // snippet:drift-quick-start
      try (MlOps mlops = MlOps.open(storeUri)) {         // MlOps.open(): $MLOPS_STORE or ./.mlops
        Sample reference = Sample.builder()
            .numeric("age", trainingAges)              // double[]; NaN = missing
            .categorical("country", trainingCountries) // String[]; null = missing
            .build();
        Sample current = Sample.builder()
            .numeric("age", lastDayAges)
            .categorical("country", lastDayCountries)
            .build();
        DriftReport report = mlops.drift().compare(reference, current, DriftConfig.ofDefaults());
        if (report.datasetDrift()) {
          for (ColumnDrift c : report.columns()) {
            System.out.printf("%s %s %s stat=%.4f p=%s drifted=%s%n", c.column(), c.type(), c.method(),
                c.statistic(), c.pValue().orElse(Double.NaN), c.drifted());
          }
        }
      }
      // end:drift-quick-start
    });

    String[] lines = printed.strip().split("\n");
    assertEquals(2, lines.length, printed);
    assertTrue(lines[0].matches("age NUMERIC KS stat=0\\.2000 p=\\S+ drifted=true"), lines[0]);
    // Country: chi-square of the 2 x 3 table (500 300 200 / 200 300 500), expected 350 300 350 per
    // row: chi2 = 4 * 150^2 / 350 = 257.14 (by hand), far beyond the 0.05 point of chi2(2), 5.99.
    assertTrue(lines[1].matches("country CATEGORICAL CHISQUARE stat=257\\.1429 p=\\S+ drifted=true"), lines[1]);
  }

  @Test
  @DisplayName("the configuration chooses the columns, their order, methods and thresholds")
  void configuration() {
    SplittableRandom random = new SplittableRandom(3);
    Sample reference = sample(random, 0);
    Sample current = sample(random, 1);

    // snippet:drift-config
    DriftConfig config = DriftConfig.builder()
        .method(DriftMethod.PSI)                    // every column without its own method
        .column("age", DriftMethod.KS, 0.01)        // one column: method and threshold
        .threshold(0.2)                             // every column without its own threshold
        .columns(List.of("age", "country"))         // compare only these, in this order
        .datasetDriftShare(0.3)                     // dataset drifts at 30% drifted columns
        .build();
    // end:drift-config

    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      DriftReport report = mlops.drift().compare(reference, current, config);
      assertEquals(List.of("age", "country"), report.columns().stream().map(ColumnDrift::column).toList(),
          "income is left out");
      ColumnDrift age = report.column("age").orElseThrow();
      assertEquals(List.of(DriftMethod.KS, 0.01), List.of(age.method(), age.threshold()));
      ColumnDrift country = report.column("country").orElseThrow();
      assertEquals(List.of(DriftMethod.PSI, 0.2), List.of(country.method(), country.threshold()));
      assertTrue(age.drifted(), "ages shifted by one standard deviation: " + age);
      assertFalse(country.drifted(), "countries drawn alike: " + country);
      assertEquals(0.5, report.driftedShare());
      assertTrue(report.datasetDrift(), "0.5 >= 0.3");
    }
  }

  @Test
  @DisplayName("a profile merged from two shards is saved, loaded elsewhere and compared as a sketch")
  void profiles() {
    SplittableRandom random = new SplittableRandom(5);
    Sample trainingSample = sample(random, 0);
    Sample otherShard = sample(random, 0);
    Sample todaySample = sample(random, 1);
    byte[] saved;
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      // snippet:drift-profile
      DriftDetector drift = mlops.drift();
      ReferenceProfile profile = drift.profile(trainingSample);          // KLL k = 200
      ReferenceProfile all = profile.merge(drift.profile(otherShard));   // built in another process
      drift.saveProfile("churn-training", all);                          // content object + ref
      // later, anywhere with the same store:
      DriftReport report = drift.compare(drift.loadProfile("churn-training"), todaySample,
          DriftConfig.ofDefaults());
      // end:drift-profile
      assertEquals(2000, all.count("age"));
      assertEquals(200, all.sketchSize());
      assertTrue(report.columns().stream().filter(c -> !c.column().equals("country")).noneMatch(ColumnDrift::exact),
          "numeric results against a profile are sketch-based");
      assertTrue(report.column("age").orElseThrow().drifted());
      assertFalse(report.column("country").orElseThrow().drifted());
      saved = all.toBytes();
    }
    try (MlOps elsewhere = MlOps.local(dir.resolve("store"))) {
      assertArrayEquals(saved, elsewhere.drift().loadProfile("churn-training").toBytes());
    }
  }

  @Test
  @DisplayName("a table profiled batch by batch counts every row")
  void profileOfBatches() {
    try (MlOps mlops = MlOps.local(dir.resolve("store"));
        BufferAllocator allocator = new RootAllocator()) {
      DriftDetector drift = mlops.drift();
      List<VectorSchemaRoot> batches = new ArrayList<>();
      for (int b = 0; b < 3; b++) {
        Float8Vector age = new Float8Vector("age", allocator);
        age.allocateNew(100);
        for (int i = 0; i < 100; i++) {
          age.set(i, 20 + b * 100 + i);
        }
        age.setValueCount(100);
        batches.add(VectorSchemaRoot.of(age));
      }

      // snippet:drift-profile-batches
      ReferenceProfile profile = null;
      for (VectorSchemaRoot batch : batches) {
        ReferenceProfile p = drift.profile(drift.sample(batch));
        profile = profile == null ? p : profile.merge(p);
      }
      // end:drift-profile-batches

      assertEquals(300, profile.count("age"));
      Sample allRows = Sample.builder().numeric("age", IntStream.range(0, 300)
          .mapToDouble(i -> 20 + i).toArray()).build();
      DriftReport same = drift.compare(profile, allRows, DriftConfig.ofDefaults());
      assertFalse(same.datasetDrift(), "the rows the profile was made of do not drift from it: " + same);
      batches.forEach(VectorSchemaRoot::close);
    }
  }

  @Test
  @DisplayName("a dataset version's stored sketches are a reference without reading its rows")
  void profileOfDatasetVersion() throws IOException {
    StringBuilder weather = new StringBuilder("temp_max,weather\n");
    StringBuilder orderRows = new StringBuilder("amount,store\n");
    for (int i = 0; i < 400; i++) {
      weather.append(10 + i % 20).append(',').append(i % 3 == 0 ? "rain" : "sun").append('\n');
      orderRows.append(5 + i % 40).append(',').append(COUNTRIES[i % 3]).append('\n');
    }
    Path weatherCsv = Files.writeString(dir.resolve("weather.csv"), weather);
    Path ordersCsv = Files.writeString(dir.resolve("orders.csv"), orderRows);
    Path storesCsv = Files.writeString(dir.resolve("stores.csv"), "store,city\nDE,Berlin\nFR,Paris\n");
    Sample todaySample = Sample.builder()
        .numeric("temp_max", IntStream.range(0, 400).mapToDouble(i -> 25 + i % 20).toArray())
        .categorical("weather", IntStream.range(0, 400).mapToObj(i -> i % 3 == 0 ? "rain" : "sun")
            .toArray(String[]::new))
        .build();
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      mlops.datasets().commit(CommitRequest.builder().dataset("weather")
          .addTable("weather", new TableSource.FromCsv(weatherCsv, Optional.empty())).build());
      mlops.datasets().tag("weather@main", "v1");
      mlops.datasets().commit(CommitRequest.builder().dataset("sales")
          .addTable("orders", new TableSource.FromCsv(ordersCsv, Optional.empty()))
          .addTable("stores", new TableSource.FromCsv(storesCsv, Optional.empty())).build());
      mlops.datasets().tag("sales@main", "v3");

      // snippet:drift-profile-dataset
      ReferenceProfile reference = mlops.datasets().profile("weather@v1");            // its only table
      ReferenceProfile orders = mlops.datasets().profile("sales@v3", "orders");       // one of several
      DriftReport report = mlops.drift().compare(reference, todaySample, DriftConfig.ofDefaults());
      // end:drift-profile-dataset

      assertEquals(List.of(400L, 400L), List.of(reference.count("temp_max"), orders.count("amount")));
      assertTrue(reference.columns().contains("weather") && orders.columns().contains("store"));
      // temp_max 10..29 against 25..44: KS D = 15/20 = 0.75 (from x = 29), drifted whatever the sketch.
      ColumnDrift temp = report.column("temp_max").orElseThrow();
      assertTrue(temp.drifted(), temp.toString());
      assertFalse(temp.exact());
      assertFalse(report.column("weather").orElseThrow().drifted(), "the same weather every day");
    }
  }

  @Test
  @DisplayName("the in-service monitor alerts on both windows of shifted traffic")
  void monitor() {
    SplittableRandom random = new SplittableRandom(9);
    // The monitor evaluates each closed window on the SDK's executor; on one that runs tasks in the
    // calling thread, each window is evaluated before observe() returns, so none is dropped and the
    // test counts them without waiting.
    try (MlOps mlops = MlOps.builder().uri(dir.resolve("store").toUri()).executor(new InThread()).build()) {
      List<Request> training = requests(random, 2000, 0);
      mlops.drift().saveProfile("churn-training", mlops.drift().profile(Sample.builder()
          .numeric("age", training.stream().mapToDouble(Request::age).toArray())
          .numeric("income", training.stream().mapToDouble(Request::income).toArray())
          .numeric("score", training.stream().mapToDouble(DriftPageTest::predict).toArray())
          .categorical("country", training.stream().map(Request::country).toArray(String[]::new))
          .build()));
      List<Request> requests = requests(random, 2000, 1);

      // snippet:drift-monitor
      ReferenceProfile reference = mlops.drift().loadProfile("churn-training");
      DriftMonitor monitor = mlops.drift().monitor(DriftMonitorConfig.builder()
          .name("churn")                                   // the "monitor" tag of the meters
          .reference(reference)
          .columns(List.of("age", "income", "score"))      // "score": the model's output (prediction drift)
          .categoricalColumns(List.of("country"))          // optional: categorical features
          .windowSize(1_000)                               // tumbling count windows (default 1,000)
          // .slide(250)                                   // or sliding: a window every 250 over the last 1,000
          // .windowDuration(Duration.ofMinutes(5))        // or tumbling time windows (at most windowSize kept)
          .drift(DriftConfig.builder().column("age", DriftMethod.KS, 0.05).build())
          .listener(window -> { if (window.report().datasetDrift()) alert(window); })
          .build());

      // on the request path (any thread): lock-free, no allocation, never blocks
      double[] row = new double[3];                        // reuse per thread
      String[] categories = new String[1];
      for (Request request : requests) {
        row[0] = request.age(); row[1] = request.income(); row[2] = predict(request);
        categories[0] = request.country();                 // null when missing
        monitor.observe(row, categories);                  // observe(row) when there are no categorical columns
      }
      monitor.close();                                     // idempotent; removes its meters
      // end:drift-monitor
    }
    assertEquals(List.of(1000L, 1000L), alerts.stream().map(DriftWindow::observations).toList());
    for (DriftWindow window : alerts) {
      DriftReport report = window.report();
      assertEquals(DriftMethod.KS, report.column("age").orElseThrow().method());
      assertTrue(report.column("age").orElseThrow().drifted(), report.toString());
      assertTrue(report.column("income").orElseThrow().drifted(), report.toString());
      assertFalse(report.column("country").orElseThrow().drifted(), report.toString());
    }
  }

  @Test
  @DisplayName("a recording monitor's windows and a recorded batch report read back as a time series")
  void history() {
    SplittableRandom random = new SplittableRandom(11);
    try (MlOps mlops = MlOps.builder().uri(dir.resolve("store").toUri()).executor(new InThread()).build()) {
      List<Request> training = requests(random, 2000, 0);
      Sample trainingSample = Sample.builder()
          .numeric("age", training.stream().mapToDouble(Request::age).toArray())
          .numeric("income", training.stream().mapToDouble(Request::income).toArray()).build();
      mlops.drift().saveProfile("churn-training", mlops.drift().profile(trainingSample));
      List<Request> requests = requests(random, 2000, 1);
      List<Request> yesterday = requests(random, 500, 1);
      Sample lastDay = Sample.builder()
          .numeric("age", yesterday.stream().mapToDouble(Request::age).toArray())
          .numeric("income", yesterday.stream().mapToDouble(Request::income).toArray()).build();
      Instant dayEnd = Instant.parse("2026-03-02T00:00:00Z");
      Instant dayStart = dayEnd.minus(Duration.ofDays(1));

      String printed = Console.printed(() -> {
        // snippet:drift-history
        DriftMonitor monitor = mlops.drift().monitor(DriftMonitorConfig.builder()
            .name("churn")                                  // the history's name too
            .reference(mlops.drift().loadProfile("churn-training"))
            .columns(List.of("age", "income"))
            .windowSize(1_000)
            .recordWindows()                                // each compared window is recorded in the store
            .build());
        double[] row = new double[2];
        for (Request request : requests) {
          row[0] = request.age(); row[1] = request.income();
          monitor.observe(row);
        }
        monitor.close();

        // any process on the store reads the series, as do `mlops drift history churn` and the web UI
        DriftHistory history = mlops.drift().history("churn");
        for (DriftRecord window : history.between(Instant.now().minus(Duration.ofDays(7)), Instant.MAX)) {
          System.out.println("window " + window.sequence() + " closed " + window.to() + ": drift share "
              + window.driftedShare() + ", drifted " + window.driftedColumns());
        }
        Optional<DriftRecord> latest = history.latest();

        // a batch comparison, recorded under a name of your choosing with the range its sample covers
        DriftReport nightly = mlops.drift().compare(mlops.drift().loadProfile("churn-training"), lastDay,
            DriftConfig.ofDefaults());
        mlops.drift().history("churn-nightly").record(nightly, dayStart, dayEnd);
        // end:drift-history
        assertEquals(2, latest.orElseThrow().sequence());
      });

      assertEquals(2, printed.lines().count(), printed);
      assertTrue(printed.lines().allMatch(line -> line.endsWith("drifted [age, income]")), printed);
      List<DriftRecord> nightly = mlops.drift().history("churn-nightly").list();
      assertEquals(List.of(dayEnd), nightly.stream().map(DriftRecord::to).toList());
      assertEquals(500, nightly.get(0).observations());
      assertEquals(List.of("churn", "churn-nightly"), mlops.drift().histories());
    }
  }

  @Test
  @DisplayName("ADWIN calls for a retrain after the error rate jumps, and not on a stationary stream")
  void changeDetector() {
    SplittableRandom random = new SplittableRandom(21);
    double[] stationary = new double[20_000];
    double[] jump = new double[20_000];
    for (int i = 0; i < 20_000; i++) {
      stationary[i] = random.nextDouble() < 0.2 ? 1 : 0;
      jump[i] = random.nextDouble() < (i < 10_000 ? 0.2 : 0.7) ? 1 : 0;
    }
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      assertEquals(0, retrainsOn(mlops, stationary));
      assertTrue(retrainsOn(mlops, jump) >= 1);
      assertEquals(0, retrainsOn(mlops, Arrays.copyOf(jump, 10_000)), "the jump's first half is stationary");
    }
  }

  private int retrainsOn(MlOps mlops, double[] modelErrors) {
    retrains = 0;
    // snippet:drift-change-detector
    ChangeDetector detector = mlops.drift().changeDetector(DetectorKind.ADWIN, Map.of("delta", 0.002));
    for (double error : modelErrors) {          // e.g. 1.0 when the prediction was wrong, else 0.0
      if (detector.update(error) == DetectorState.DRIFT) {
        retrain();
      }
    }
    // end:drift-change-detector
    return retrains;
  }

  private void retrain() {
    retrains++;
  }

  private void alert(DriftWindow window) {
    alerts.add(window);
  }

  /** The host's model: a churn score that grows with age and falls with income. */
  private static double predict(Request request) {
    return 1 / (1 + Math.exp(-(request.age() - 40) / 10 + (request.income() - 50_000) / 20_000));
  }

  /** Requests whose age and income are shifted by {@code shift} standard deviations. */
  private static List<Request> requests(SplittableRandom random, int n, double shift) {
    List<Request> requests = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      requests.add(new Request(40 + 10 * (random.nextGaussian() + shift),
          50_000 + 10_000 * (random.nextGaussian() + shift), COUNTRIES[random.nextInt(3)]));
    }
    return requests;
  }

  /** Age and income shifted by {@code shift} standard deviations, and countries drawn alike. */
  private static Sample sample(SplittableRandom random, double shift) {
    List<Request> rows = requests(random, 1000, shift);
    return Sample.builder()
        .numeric("age", rows.stream().mapToDouble(Request::age).toArray())
        .numeric("income", rows.stream().mapToDouble(Request::income).toArray())
        .categorical("country", rows.stream().map(Request::country).toArray(String[]::new))
        .build();
  }

  /** Runs each task in the thread that submits it. */
  private static final class InThread extends AbstractExecutorService {
    private volatile boolean shutdown;

    @Override
    public void execute(Runnable command) {
      command.run();
    }

    @Override
    public void shutdown() {
      shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shutdown = true;
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }

    @Override
    public boolean isTerminated() {
      return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return shutdown;
    }
  }
}
