package dev.mlops.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.mlops.examples.WeatherData.Day;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.classification.sgd.linear.LinearSGDModel;

@DisplayName("The weather trainer")
class WeatherTrainerTest {
  private static final List<Day> DAYS = WeatherData.load();

  @TempDir Path dir;

  @Test
  @DisplayName("reads the 1461 days of the shipped CSV, 366 in 2012")
  void readsTheShippedData() {
    // Reference: `wc -l seattle-weather.csv` is 1462 (header + 1461 days); 2012 is a leap year.
    assertEquals(1461, DAYS.size());
    assertEquals(366, WeatherData.years(DAYS, 2012, 2012).size());
    assertEquals("2015-12-31", DAYS.get(DAYS.size() - 1).date().toString());
  }

  @Test
  @DisplayName("beats always answering the most frequent training label on the next year")
  void beatsTheMajorityBaseline() {
    List<Day> train = WeatherData.years(DAYS, 2012, 2012);
    List<Day> test = WeatherData.years(DAYS, 2013, 2013);
    LinearSGDModel model = WeatherTrainer.train(WeatherTrainer.SWEEP.get(1), 10, train);

    // 2012's most frequent label is rain (191 of 366 days, `grep ^2012 | cut -d, -f6 | uniq -c`);
    // 2013 has 60 rain days of 365, so the baseline's accuracy is 60/365 = 0.164.
    double accuracy = WeatherTrainer.accuracy(model, test);
    assertTrue(accuracy > 60.0 / 365, "accuracy " + accuracy);
  }

  @Test
  @DisplayName("exports an ONNX model that ONNX Runtime runs to the same predictions as Tribuo")
  void onnxExportPredictsLikeTribuo() throws Exception {
    List<Day> train = WeatherData.years(DAYS, 2012, 2013);
    List<Day> test = WeatherData.years(DAYS, 2015, 2015);
    LinearSGDModel model = WeatherTrainer.train(WeatherTrainer.SWEEP.get(2), 10, train);
    Path onnx = WeatherTrainer.exportOnnx(model, dir.resolve("weather.onnx"));

    float[][] rows = test.stream().map(WeatherTrainer::features).toArray(float[][]::new);
    List<String> labels = WeatherTrainer.labels(model);
    List<String> tribuo = WeatherTrainer.predict(model, test);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
        OnnxTensor input = OnnxTensor.createTensor(env, rows);
        OrtSession.Result result = session.run(Map.of("input", input))) {
      float[][] probabilities = (float[][]) result.get(0).getValue();
      for (int i = 0; i < rows.length; i++) {
        assertEquals(tribuo.get(i), labels.get(argMax(probabilities[i])), "day " + test.get(i).date());
        float sum = 0;
        for (float p : probabilities[i]) {
          sum += p;
        }
        assertEquals(1.0, sum, 1e-4, "probabilities of " + test.get(i).date() + " sum to 1");
      }
    }
  }

  private static int argMax(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      best = values[i] > values[best] ? i : best;
    }
    return best;
  }
}
