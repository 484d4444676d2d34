package dev.mlops.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.drift.DriftMonitor;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.Tensor;
import dev.mlops.core.MlOps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Not a test (surefire's patterns skip it; run it with {@code -Dtest=StarterOverheadMeasurement}):
 * what the starter adds to a prediction request. The example endpoint, on the starter's served
 * handle, against the same controller code on a handle the application loads itself from the same
 * MlOps ({@code /weather/predict-direct}), both observing the same drift monitor. A load generator
 * over loopback alternates short rounds between the two and compares each pair of neighbouring
 * rounds, so the machine's changing load (other builds share its two cores) hits both sides of
 * each ratio alike. Prints the figures; asserts only that both answer the same.
 */
class StarterOverheadMeasurement {
  static final int ROUNDS = 40;
  static final int REQUESTS_PER_ROUND = 800;
  static final int CLIENTS = 4;

  @TempDir Path dir;

  @RestController
  static class DirectController {
    private final WeatherController same;

    DirectController(MlOps mlops, @Qualifier("weather") ObjectProvider<DriftMonitor> drift) {
      ModelHandle direct = mlops.models().load("seattle-weather@production");
      this.same = new WeatherController(direct, drift);
    }

    @PostMapping("/weather/predict-direct")
    WeatherController.Forecast predict(@RequestBody WeatherController.Day day) {
      return same.predict(day);
    }
  }

  @Test
  void measure() throws Exception {
    Path store = WeatherServiceTest.writeStore(dir);
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WeatherService.class, DirectController.class)
        .web(WebApplicationType.SERVLET)
        .run("--server.port=0", "--mlops.store=" + store.toUri(), "--spring.main.banner-mode=off",
            "--mlops.drift.weather.reference=seattle-weather-features@v1", "--logging.level.root=WARN")) {
      int port = ((WebServerApplicationContext) context).getWebServer().getPort();
      String body = "{\"date\":\"2015-07-01\",\"precipitation\":0,\"tempMax\":28,\"tempMin\":15,\"wind\":3}";
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      assertEquals(send(client, port, "/weather/predict", body), send(client, port, "/weather/predict-direct", body));
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      try {
        round(client, clients, port, "/weather/predict", body); // warm-up of both paths
        round(client, clients, port, "/weather/predict-direct", body);
        double[] starter = new double[ROUNDS];
        double[] direct = new double[ROUNDS];
        double[] ratio = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
          // Alternate which side goes first, so neither always follows the other.
          if (r % 2 == 0) {
            starter[r] = round(client, clients, port, "/weather/predict", body);
            direct[r] = round(client, clients, port, "/weather/predict-direct", body);
          } else {
            direct[r] = round(client, clients, port, "/weather/predict-direct", body);
            starter[r] = round(client, clients, port, "/weather/predict", body);
          }
          ratio[r] = starter[r] / direct[r];
        }
        System.out.printf(Locale.ROOT, "starter handle: median %.1f us/request over %d rounds of %d requests, %d clients%n",
            median(starter), ROUNDS, REQUESTS_PER_ROUND, CLIENTS);
        System.out.printf(Locale.ROOT, "direct handle:  median %.1f us/request%n", median(direct));
        double[] sorted = ratio.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "starter/direct per round pair: median %.4f, quartiles %.4f .. %.4f%n",
            median(ratio), sorted[ROUNDS / 4], sorted[3 * ROUNDS / 4]);
      } finally {
        clients.shutdownNow();
      }
      inProcess(context);
    }
  }

  /**
   * The same comparison without HTTP, where the machine's noise is smaller: predictions on the
   * starter's bean against predictions on a handle loaded directly, alternating rounds.
   */
  private static void inProcess(ConfigurableApplicationContext context) {
    ModelHandle served = context.getBean("mlops.models.weather", ModelHandle.class);
    try (ModelHandle direct = context.getBean(MlOps.class).models().load("seattle-weather@production")) {
      Tensor input = Tensor.ofFloats(new float[][] {{0f, 2.8f, 1.5f, 0.6f, 0.2f, -0.9f}});
      int calls = 20_000;
      perCall(served, input, calls); // warm-up of both
      perCall(direct, input, calls);
      double[] starter = new double[ROUNDS];
      double[] raw = new double[ROUNDS];
      double[] ratio = new double[ROUNDS];
      for (int r = 0; r < ROUNDS; r++) {
        if (r % 2 == 0) {
          starter[r] = perCall(served, input, calls);
          raw[r] = perCall(direct, input, calls);
        } else {
          raw[r] = perCall(direct, input, calls);
          starter[r] = perCall(served, input, calls);
        }
        ratio[r] = starter[r] / raw[r];
      }
      double[] sorted = ratio.clone();
      Arrays.sort(sorted);
      System.out.printf(Locale.ROOT, "in process: starter bean %.2f us/prediction, direct handle %.2f us/prediction;"
          + " ratio median %.4f, quartiles %.4f .. %.4f (%d rounds of %d)%n", median(starter), median(raw),
          median(ratio), sorted[ROUNDS / 4], sorted[3 * ROUNDS / 4], ROUNDS, calls);
    }
  }

  private static double perCall(ModelHandle handle, Tensor input, int calls) {
    long start = System.nanoTime();
    float sink = 0;
    for (int i = 0; i < calls; i++) {
      sink += handle.predict(input).first().floatRows()[0][0];
    }
    if (sink == Float.MIN_VALUE) {
      System.out.println(sink); // keeps the loop's work observable
    }
    return (System.nanoTime() - start) / 1e3 / calls;
  }

  /** Wall time per request of one round, in microseconds, with {@link #CLIENTS} concurrent clients. */
  private static double round(HttpClient client, ExecutorService clients, int port, String path, String body)
      throws Exception {
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      done.add(clients.submit(() -> {
        for (int i = 0; i < REQUESTS_PER_ROUND / CLIENTS; i++) {
          send(client, port, path, body);
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    return (System.nanoTime() - start) / 1e3 / REQUESTS_PER_ROUND;
  }

  private static String send(HttpClient client, int port, String path, String body) throws Exception {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
  }
}
