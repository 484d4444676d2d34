package dev.mlops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One run of the {@code mlops} command in this JVM, with what it printed; the CLI tests' runner. */
public record CliRun(int exitCode, String out, String err) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Runs {@code mlops --store STORE ARGS...}.
   *
   * @param store the store directory
   * @param args the rest of the command line
   * @return the run
   */
  public static CliRun inStore(Path store, String... args) {
    List<String> all = new ArrayList<>(List.of("--store", store.toString()));
    all.addAll(List.of(args));
    return of(all.toArray(String[]::new));
  }

  /**
   * Runs {@code mlops ARGS...} with no environment variables.
   *
   * @param args the command line
   * @return the run
   */
  public static CliRun of(String... args) {
    return of(Map.of(), args);
  }

  /**
   * Runs {@code mlops ARGS...} with the given environment variables.
   *
   * @param environment the variables the command sees
   * @param args the command line
   * @return the run
   */
  public static CliRun of(Map<String, String> environment, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, outStream, errStream, environment);
    }
    return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * Parses what the command printed as JSON.
   *
   * @return the JSON tree of stdout
   * @throws Exception if stdout is not JSON
   */
  public JsonNode json() throws Exception {
    return JSON.readTree(out);
  }

  /**
   * Returns the non-empty lines written to stderr.
   *
   * @return the lines
   */
  public List<String> errLines() {
    return err.lines().filter(line -> !line.isBlank()).toList();
  }
}
