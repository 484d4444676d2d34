package dev.mlops.cli.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.Prediction;
import dev.mlops.api.registry.Tensor;
import dev.mlops.core.MlOps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlops models predict <name>@<version|alias> --input FILE}: runs a single-input ONNX model on
 * rows of numbers, read from CSV (one row per line, an optional header) or JSON (an array of arrays,
 * or of objects whose values are taken in order).
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Run a model on rows from a CSV or JSON file and print the outputs.")
final class PredictCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL@VERSION|ALIAS")
  private String reference;

  @Option(names = "--input", paramLabel = "FILE", required = true, description = "A .csv or .json file of rows.")
  private Path input;

  @Override
  public Integer call() {
    ModelsContext context = new ModelsContext(spec);
    float[][] rows = read(input);
    try (MlOps mlops = context.open(); ModelHandle handle = mlops.models().load(reference)) {
      Prediction prediction = handle.predict(Tensor.ofFloats(rows));
      ObjectNode json = ModelsContext.JSON.createObjectNode().put("model", prediction.version().model())
          .put("version", prediction.version().version());
      ObjectNode outputs = json.putObject("outputs");
      StringBuilder text = new StringBuilder("served by " + prediction.version());
      for (Map.Entry<String, Tensor> output : prediction.outputs().entrySet()) {
        outputs.set(output.getKey(), ModelsContext.JSON.valueToTree(values(output.getValue())));
        text.append('\n').append(output.getKey()).append(':');
        for (Object row : values(output.getValue())) {
          text.append("\n  ").append(row instanceof float[] f ? Arrays.toString(f) : String.valueOf(row));
        }
      }
      context.print(json, text.toString());
    }
    return 0;
  }

  private static List<Object> values(Tensor tensor) {
    return switch (tensor.type()) {
      case FLOAT -> new ArrayList<>(Arrays.asList((Object[]) tensor.floatRows()));
      case DOUBLE -> new ArrayList<>(Arrays.stream(tensor.doubles()).boxed().toList());
      case INT64 -> new ArrayList<>(Arrays.stream(tensor.longs()).boxed().toList());
      case INT32 -> new ArrayList<>(Arrays.stream(tensor.ints()).boxed().toList());
      case STRING -> new ArrayList<>(Arrays.asList((Object[]) tensor.strings()));
    };
  }

  static float[][] read(Path file) {
    try {
      String text = Files.readString(file);
      return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")
          ? fromJson(text, file) : fromCsv(text, file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  private static float[][] fromCsv(String text, Path file) {
    List<float[]> rows = new ArrayList<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String[] cells = lines[i].split(",");
      float[] row = new float[cells.length];
      try {
        for (int c = 0; c < cells.length; c++) {
          row[c] = Float.parseFloat(cells[c].trim());
        }
      } catch (NumberFormatException e) {
        if (rows.isEmpty() && i == firstNonBlank(lines)) {
          continue; // a header line
        }
        throw new IllegalArgumentException(file + " line " + (i + 1) + " is not a row of numbers: " + lines[i]);
      }
      rows.add(row);
    }
    return checked(rows, file);
  }

  private static int firstNonBlank(String[] lines) {
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        return i;
      }
    }
    return -1;
  }

  private static float[][] fromJson(String text, Path file) throws IOException {
    JsonNode root = ModelsContext.JSON.readTree(text);
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException(file + " must hold a JSON array of rows");
    }
    List<float[]> rows = new ArrayList<>();
    for (JsonNode node : (ArrayNode) root) {
      List<JsonNode> cells = new ArrayList<>();
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        cells.add(it.next());
      }
      float[] row = new float[cells.size()];
      for (int c = 0; c < row.length; c++) {
        if (!cells.get(c).isNumber()) {
          throw new IllegalArgumentException(file + " row " + rows.size() + " has a value that is not a number: "
              + cells.get(c));
        }
        row[c] = cells.get(c).floatValue();
      }
      rows.add(row);
    }
    return checked(rows, file);
  }

  private static float[][] checked(List<float[]> rows, Path file) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no rows");
    }
    for (int i = 1; i < rows.size(); i++) {
      if (rows.get(i).length != rows.get(0).length) {
        throw new IllegalArgumentException(file + " row " + i + " has " + rows.get(i).length
            + " values, row 0 has " + rows.get(0).length);
      }
    }
    return rows.toArray(float[][]::new);
  }
}
