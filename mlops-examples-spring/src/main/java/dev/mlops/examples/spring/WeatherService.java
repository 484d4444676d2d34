package dev.mlops.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot service that serves the demo's Seattle weather model over REST and watches its
 * inputs for drift. Everything MLOps comes from {@code mlops-spring-boot-starter} and three lines
 * of {@code application.properties}: the store, the model reference, the drift reference.
 *
 * <p>Run it on the demo's store: {@code ./mvnw -q -pl mlops-examples-spring -am spring-boot:run}
 * is not configured; use {@code java -cp ... dev.mlops.examples.spring.WeatherService
 * --mlops.store=/path/to/store} (see docs/spring-boot.md).
 */
@SpringBootApplication
public class WeatherService {
  /**
   * Starts the service.
   *
   * @param args Spring Boot arguments, such as {@code --mlops.store=file:/data/mlops}
   */
  public static void main(String[] args) {
    SpringApplication.run(WeatherService.class, args);
  }
}
