package dev.mlops.benchmarks.mlflow;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What reading a {@code log-batch} body costs one thread, as the API reads it (Jackson's tree, then
 * the metrics taken from it) and as a streaming parser would (the same fields straight into
 * arrays), to tell whether streaming is worth a second parser: {@link MlflowLogBatchBenchmark}
 * gives the whole request's CPU time to compare with.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogBatchParseBenchmark {
  /** The API's mapper's settings (NaN and infinities accepted). */
  private static final JsonMapper MAPPER = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  @Param({"10", "1000"})
  public int points;

  private byte[] body;

  /** Builds the same body as the HTTP benchmark. */
  @Setup
  public void build() {
    StringBuilder text = new StringBuilder("{\"run_id\": \"0123456789abcdef0123456789abcdef\", \"metrics\": [");
    for (int i = 0; i < points; i++) {
      text.append(i == 0 ? "" : ", ").append("{\"key\": \"").append(i % 2 == 0 ? "loss" : "accuracy")
          .append("\", \"value\": ").append(0.5 + i * 1e-4).append(", \"timestamp\": 1700000000000, \"step\": ")
          .append(i).append('}');
    }
    body = text.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The tree, then the metrics' fields from it.
   *
   * @return a checksum of the values
   * @throws IOException never, the body is valid
   */
  @Benchmark
  public double tree() throws IOException {
    JsonNode root = MAPPER.readTree(body);
    double sum = root.path("run_id").asText().length();
    for (JsonNode metric : root.path("metrics")) {
      sum += metric.path("key").asText().length() + metric.path("value").asDouble() + metric.path("step").asLong()
          + metric.path("timestamp").asLong();
    }
    return sum;
  }

  /**
   * The same fields read token by token, without a tree.
   *
   * @return a checksum of the values
   * @throws IOException never, the body is valid
   */
  @Benchmark
  public double streaming() throws IOException {
    double sum = 0;
    try (JsonParser parser = MAPPER.getFactory().createParser(body)) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("run_id")) {
          sum += parser.getText().length();
        } else if (field.equals("metrics") && value == JsonToken.START_ARRAY) {
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
              String name = parser.currentName();
              parser.nextToken();
              switch (name) {
                case "key" -> sum += parser.getText().length();
                case "value" -> sum += parser.getDoubleValue();
                case "step", "timestamp" -> sum += parser.getLongValue();
                default -> parser.skipChildren();
              }
            }
          }
        } else {
          parser.skipChildren();
        }
      }
    }
    return sum;
  }
}
