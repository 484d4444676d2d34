package dev.mlops.spring.boot.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Bad configuration stops the application with Spring Boot's failure report naming the property and the fix. */
@ExtendWith(OutputCaptureExtension.class)
@DisplayName("bad mlops.* properties")
class FailureAnalysisTest {
  @TempDir Path dir;

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("an unknown store scheme", "mlops.store=nope://bucket/prefix", "mlops.store",
            "No storage provider for scheme 'nope'", "Set mlops.store to file:/path/to/store, s3://bucket/prefix"),
        Arguments.of("a malformed model reference", "mlops.models.churn.ref=churn", "mlops.models.churn.ref",
            "'churn' is not model@alias, model/N or model@N", "Set mlops.models.churn.ref to model@alias"),
        Arguments.of("a model the store lacks", "mlops.models.churn.ref=ghost@production", "mlops.models.churn.ref",
            "ghost", "Register the model and point the alias"),
        Arguments.of("a drift reference the store lacks", "mlops.drift.churn.reference=nothing@v1",
            "mlops.drift.churn.reference", "nothing", "Point mlops.drift.churn.reference at a dataset version"),
        Arguments.of("a drift column the reference lacks", "mlops.drift.churn.reference=churn-training@v1,"
            + "mlops.drift.churn.columns=age", "mlops.drift.churn", "column 'age'", "the reference's columns are [tenure, spend]"),
        Arguments.of("an executor without threads", "mlops.executor-threads=0", "mlops.executor-threads",
            "at least one thread", "Set mlops.executor-threads to 1 or more"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void failsToStartNamingThePropertyAndTheFix(String what, String property, String name, String problem, String fix,
      CapturedOutput output) {
    Path store = TestStore.write(dir);
    SpringApplicationBuilder app = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
        .properties("mlops.store=" + store.toUri(), "spring.main.banner-mode=off")
        .properties(property.split(","));
    assertThrows(RuntimeException.class, app::run);
    String report = output.getOut() + output.getErr();
    assertTrue(report.contains("APPLICATION FAILED TO START"), report);
    assertTrue(report.contains("The property '" + name + "'"), report);
    assertTrue(report.contains(problem), report);
    assertTrue(report.contains(fix), report);
  }
}
