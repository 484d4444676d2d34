package dev.mlops.examples.spring;

import dev.mlops.api.drift.DriftMonitor;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.Prediction;
import dev.mlops.api.registry.Tensor;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /weather/predict}: one day's measurements in, the model's label out. The model is
 * {@code mlops.models.weather}, the drift monitor {@code mlops.drift.weather} (optional: without it
 * the service only predicts).
 */
@RestController
public class WeatherController {
  private final ModelHandle weather;
  private final ObjectProvider<DriftMonitor> drift;

  // snippet:spring-inject
  /**
   * Creates the controller.
   *
   * @param weather the served model (hot-swaps when its alias moves)
   * @param drift the drift monitor on the model's inputs, if configured
   */
  public WeatherController(@Qualifier("weather") ModelHandle weather,
      @Qualifier("weather") ObjectProvider<DriftMonitor> drift) {
    this.weather = weather;
    this.drift = drift;
  }
  // end:spring-inject

  /**
   * One day's measurements.
   *
   * @param date the day
   * @param precipitation millimetres
   * @param tempMax degrees Celsius
   * @param tempMin degrees Celsius
   * @param wind metres per second
   */
  public record Day(LocalDate date, double precipitation, double tempMax, double tempMin, double wind) {}

  /**
   * The answer.
   *
   * @param version the model version that answered
   * @param label the most probable label, or its class index when the model has no labels tag
   * @param probabilities per class
   */
  public record Forecast(int version, String label, float[] probabilities) {}

  /**
   * Predicts the weather label of a day and records its features for drift monitoring.
   *
   * @param day the measurements
   * @return the forecast
   */
  @PostMapping("/weather/predict")
  public Forecast predict(@RequestBody Day day) {
    // snippet:spring-predict
    float[] features = features(day);
    Prediction prediction = weather.predict(Tensor.ofFloats(new float[][] {features}));
    drift.ifAvailable(monitor -> monitor.observe(toDoubles(features)));
    // end:spring-predict
    float[] probabilities = prediction.first().floatRows()[0];
    int best = 0;
    for (int i = 1; i < probabilities.length; i++) {
      best = probabilities[i] > probabilities[best] ? i : best;
    }
    String labels = prediction.version().tags().get("labels");
    List<String> names = labels == null ? List.of() : Arrays.asList(labels.split(","));
    return new Forecast(prediction.version().version(), best < names.size() ? names.get(best) : String.valueOf(best),
        probabilities);
  }

  /**
   * The demo model's inputs (mlops-examples' WeatherTrainer.features): scaled measurements and the
   * season as a point on the unit circle.
   *
   * @param day the measurements
   * @return f0_precipitation, f1_temp_max, f2_temp_min, f3_wind, f4_season_sin, f5_season_cos
   */
  static float[] features(Day day) {
    double angle = 2 * Math.PI * (day.date().getDayOfYear() - 1) / day.date().lengthOfYear();
    return new float[] {(float) (day.precipitation() / 10), (float) (day.tempMax() / 10),
        (float) (day.tempMin() / 10), (float) (day.wind() / 5), (float) Math.sin(angle), (float) Math.cos(angle)};
  }

  private static double[] toDoubles(float[] values) {
    double[] doubles = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      doubles[i] = values[i];
    }
    return doubles;
  }
}
