package dev.mlops.examples.spring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.Tensor;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.OnnxTestModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The example service on a real port, on a store the test writes the way the demo does: a
 * six-feature, five-label logistic regression as {@code seattle-weather@production}, and a table
 * of training features as the drift reference.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "mlops.drift.weather.reference=seattle-weather-features@v1", "mlops.drift.weather.window-size=50"})
@DisplayName("the example weather service")
class WeatherServiceTest {
  static final String[] LABELS = {"drizzle", "fog", "rain", "snow", "sun"};
  static final float[][] WEIGHTS = {
      {2f, 0f, 3f, 0.5f, -2f}, {-0.5f, 0f, -0.5f, -2f, 1f}, {-0.5f, 0.5f, 0f, -1f, 0.5f},
      {0f, 0.5f, 0.5f, 0f, -0.5f}, {0.1f, 0f, 0f, 0.2f, 0f}, {0f, 0.1f, 0f, 0f, 0.2f}};
  static final float[] BIAS = {0f, 0.1f, 0.2f, -1f, 0.3f};
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static Path store;

  @LocalServerPort int port;
  @Autowired @Qualifier("weather") ModelHandle handle;

  @BeforeAll
  static void writeStore() throws Exception {
    store = writeStore(dir);
  }

  /** Writes the store the demo would have, plus the features table: returns its directory. */
  static Path writeStore(Path dir) throws Exception {
    Path store = dir.resolve("store");
    try (MlOps mlops = MlOps.builder().uri(store.toUri()).closeOnJvmExit(false).build()) {
      Path onnx = OnnxTestModels.write(OnnxTestModels.logisticRegression(WEIGHTS, BIAS), dir.resolve("weather.onnx"));
      mlops.models().register(ModelSpec.builder().model("seattle-weather").artifact(onnx, ModelFormat.ONNX)
          .tag("labels", String.join(",", LABELS)).build());
      mlops.models().moveAliases("seattle-weather", Map.of("production", 1), "test", "first release");
      StringBuilder csv = new StringBuilder("f0_precipitation,f1_temp_max,f2_temp_min,f3_wind,f4_season_sin,f5_season_cos\n");
      SplittableRandom random = new SplittableRandom(7);
      for (int i = 0; i < 1_000; i++) {
        float[] f = WeatherController.features(day(random, LocalDate.of(2012, 1, 1).plusDays(i % 366), 0));
        csv.append(f[0]).append(',').append(f[1]).append(',').append(f[2]).append(',').append(f[3]).append(',')
            .append(f[4]).append(',').append(f[5]).append('\n');
      }
      Path file = Files.writeString(dir.resolve("features.csv"), csv);
      mlops.datasets().commit(CommitRequest.builder().dataset("seattle-weather-features")
          .addTable("features", new TableSource.FromCsv(file, Optional.empty())).build());
      mlops.datasets().tag("seattle-weather-features", "v1");
    }
    return store;
  }

  @DynamicPropertySource
  static void storeProperty(DynamicPropertyRegistry registry) {
    registry.add("mlops.store", () -> store.toUri().toString());
  }

  /** A Seattle-like day; {@code warmer} degrees added to both temperatures. */
  static WeatherController.Day day(SplittableRandom random, LocalDate date, double warmer) {
    double tempMax = 5 + 20 * random.nextDouble() + warmer;
    return new WeatherController.Day(date, random.nextDouble() < 0.5 ? 0 : 20 * random.nextDouble(), tempMax,
        tempMax - 2 - 6 * random.nextDouble(), 1 + 5 * random.nextDouble());
  }

  JsonNode post(WeatherController.Day day) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/weather/predict"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("date", day.date().toString(),
            "precipitation", day.precipitation(), "tempMax", day.tempMax(), "tempMin", day.tempMin(), "wind", day.wind()))))
        .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return JSON.readTree(response.body());
  }

  JsonNode get(String path) throws Exception {
    return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  @Test
  @DisplayName("predictions through the endpoint equal the served handle's and the model's, computed in Java")
  void endpointPredictsWithTheServedModel() throws Exception {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 20; i++) {
      WeatherController.Day day = day(random, LocalDate.of(2015, 3, 1).plusDays(i), 0);
      JsonNode forecast = post(day);
      float[] features = WeatherController.features(day);
      float[] direct = handle.predict(Tensor.ofFloats(new float[][] {features})).first().floatRows()[0];
      float[] served = new float[LABELS.length];
      for (int c = 0; c < served.length; c++) {
        served[c] = (float) forecast.path("probabilities").get(c).asDouble();
      }
      assertArrayEquals(direct, served, 0f, "the endpoint answers what the handle answers");
      assertArrayEquals(OnnxTestModels.expected(WEIGHTS, BIAS, features), served, 1e-5f);
      int best = 0;
      for (int c = 1; c < served.length; c++) {
        best = served[c] > served[best] ? c : best;
      }
      assertEquals(LABELS[best], forecast.path("label").asText());
      assertEquals(1, forecast.path("version").asInt());
    }
  }

  @Test
  @DisplayName("the drift monitor's meters are at /actuator/metrics, and the served model at /actuator/mlops")
  void actuatorShowsDriftAndModel() throws Exception {
    assertTrue(get("/actuator/metrics").path("names").toString().contains("\"mlops.drift.share\""));
    JsonNode share = get("/actuator/metrics/mlops.drift.share?tag=monitor:weather");
    assertEquals("mlops.drift.share", share.path("name").asText(), share.toString());
    JsonNode report = get("/actuator/mlops");
    assertEquals("seattle-weather@production", report.path("models").get(0).path("reference").asText(), report.toString());
    assertEquals(1, report.path("models").get(0).path("aliases").path("production").asInt(), report.toString());
  }
}
