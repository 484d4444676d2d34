package dev.mlops.spring.boot.autoconfigure;

import dev.mlops.api.drift.DriftMonitor;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.Prediction;
import dev.mlops.api.registry.Tensor;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A service as a host would write it: it injects the served model and the drift monitor by name. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(TestApp.PredictController.class)
class TestApp {
  @RestController
  static class PredictController {
    private final ModelHandle churn;
    private final ObjectProvider<DriftMonitor> drift;

    PredictController(@Qualifier("churn") ModelHandle churn, @Qualifier("churn") ObjectProvider<DriftMonitor> drift) {
      this.churn = churn;
      this.drift = drift;
    }

    @GetMapping("/predict")
    Map<String, Object> predict(@RequestParam("tenure") float tenure, @RequestParam("spend") float spend) {
      Prediction prediction = churn.predict(Tensor.ofFloats(new float[][] {{tenure, spend}}));
      drift.ifAvailable(monitor -> monitor.observe(new double[] {tenure, spend}));
      return Map.of("version", prediction.version().version(), "probabilities", prediction.first().floats());
    }
  }
}
