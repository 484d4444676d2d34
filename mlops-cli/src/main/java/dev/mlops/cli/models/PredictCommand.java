package dev.mlops.cli.models;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.Prediction;
import dev.mlops.api.registry.Tensor;
import dev.mlops.api.registry.TensorSpec;
import dev.mlops.cli.CommandContext.Output;
import dev.mlops.cli.Numbers;
import dev.mlops.core.input.CsvRecords;
import dev.mlops.core.input.Excerpt;
import dev.mlops.core.input.JsonErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlops models predict <name>@<version|alias> FILE}: runs a single-input ONNX model on
 * rows of numbers, read from CSV (one row per line, an optional header) or JSON (an array of arrays,
 * or of objects whose values are taken in order).
 */
@Command(addMethodSubcommands = false, name = "predict", mixinStandardHelpOptions = true,
    description = "Run a model on rows from a CSV or JSON file and print the outputs.")
final class PredictCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL@VERSION|ALIAS")
  private String reference;

  @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "A .csv or .json file of rows.")
  private @Nullable Path file;

  /** The spelling before operands became positional; kept for one release. */
  @Option(names = "--input", hidden = true, paramLabel = "FILE")
  private @Nullable Path deprecatedInput;

  @Override
  public Integer call() throws Exception {
    ModelsContext context = new ModelsContext(spec);
    Path input = context.operand(file, deprecatedInput, "FILE", "--input");
    float[][] rows = read(input);
    return context.read(mlops -> {
      try (ModelHandle handle = mlops.models().load(reference)) {
        requireWidth(handle, rows, input);
        Prediction prediction = handle.predict(Tensor.ofFloats(rows));
        ObjectNode json = ModelsContext.JSON.createObjectNode().put("model", prediction.version().model())
            .put("version", prediction.version().version());
        ObjectNode outputs = json.putObject("outputs");
        StringBuilder text = new StringBuilder("served by " + prediction.version());
        for (Map.Entry<String, Tensor> output : prediction.outputs().entrySet()) {
          outputs.set(output.getKey(), ModelsContext.JSON.valueToTree(values(output.getValue())));
          text.append('\n').append(output.getKey()).append(':');
          for (Object row : values(output.getValue())) {
            text.append("\n  ").append(row instanceof float[] f ? numbers(f) : row instanceof Double d
                ? Numbers.format(d) : String.valueOf(row));
          }
        }
        return Output.of(json, text.toString());
      }
    });
  }

  /**
   * Refuses rows wider or narrower than a single-input model's fixed feature count, in the file's
   * terms: a CSV that still holds its label or id column is the usual cause.
   */
  private static void requireWidth(ModelHandle handle, float[][] rows, Path input) {
    List<TensorSpec> inputs = handle.version().signature().map(s -> s.inputs()).orElse(List.of());
    if (inputs.size() != 1 || rows.length == 0 || inputs.get(0).shape().size() != 2) {
      return;
    }
    long features = inputs.get(0).shape().get(1);
    if (features > 0 && rows[0].length != features) {
      throw new IllegalArgumentException(input + " has " + rows[0].length + " columns and "
          + handle.version() + " takes " + features + " features (input '" + inputs.get(0).name()
          + "' " + inputs.get(0).elementType() + " " + inputs.get(0).shape() + "); keep only the"
          + " feature columns, in the order the model was trained on (drop label and id columns)");
    }
  }

  /** A row of floats as {@code [0.9999, 2.64e-12, ...]}, in the commands' one number format. */
  private static String numbers(float[] row) {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < row.length; i++) {
      text.append(i == 0 ? "" : ", ").append(Numbers.format(row[i]));
    }
    return text.append(']').toString();
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
    boolean json = file.getFileName() != null
        && file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json");
    try {
      return json ? fromJson(file) : fromCsv(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  private static float[][] fromCsv(Path file) throws IOException {
    List<float[]> rows = new ArrayList<>();
    try (CsvRecords records = CsvRecords.open(file)) {
      boolean first = true;
      for (List<String> cells = records.next(); cells != null; cells = records.next()) {
        if (CsvRecords.isBlank(cells)) {
          continue;
        }
        float[] row = new float[cells.size()];
        try {
          for (int c = 0; c < row.length; c++) {
            row[c] = Float.parseFloat(cells.get(c).trim());
          }
        } catch (NumberFormatException e) {
          if (first) {
            first = false;
            continue; // a header line
          }
          throw new IllegalArgumentException(file + " line " + records.recordLine() + " is not a row of numbers: "
              + Excerpt.of(String.join(",", cells)));
        }
        first = false;
        rows.add(row);
      }
    }
    return checked(rows, file);
  }

  /** Streams the JSON (an array of arrays, or of objects whose values are taken in order). */
  private static float[][] fromJson(Path file) throws IOException {
    if (java.nio.file.Files.isDirectory(file)) {
      throw new IllegalArgumentException("'" + file + "' is a directory, not a JSON file; give the path of a file");
    }
    List<float[]> rows = new ArrayList<>();
    try (JsonParser json = ModelsContext.JSON.getFactory().createParser(file.toFile())) {
      json.enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS); // NaN is a missing value, as in CSV
      if (json.nextToken() != JsonToken.START_ARRAY) {
        throw notRows(file, json);
      }
      for (JsonToken row = json.nextToken(); row != JsonToken.END_ARRAY; row = json.nextToken()) {
        if (row != JsonToken.START_ARRAY && row != JsonToken.START_OBJECT) {
          throw notRows(file, json);
        }
        JsonToken end = row == JsonToken.START_ARRAY ? JsonToken.END_ARRAY : JsonToken.END_OBJECT;
        List<Float> cells = new ArrayList<>();
        for (JsonToken cell = json.nextValue(); cell != end; cell = json.nextValue()) {
          if (!cell.isNumeric()) {
            throw new IllegalArgumentException(file + " row " + rows.size() + " (line "
                + json.currentLocation().getLineNr() + ") has a value that is not a number: "
                + Excerpt.of(cell.isScalarValue() ? json.getText() : cell.asString()));
          }
          cells.add(json.getFloatValue());
        }
        float[] values = new float[cells.size()];
        for (int c = 0; c < values.length; c++) {
          values[c] = cells.get(c);
        }
        rows.add(values);
      }
      if (json.nextToken() != null) {
        throw new IllegalArgumentException(file + " line " + json.currentLocation().getLineNr()
            + ": more after the array of rows; the file must hold one JSON array");
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + " is not valid JSON (" + JsonErrors.describe(e)
          + "); fix the file or give rows as CSV");
    } catch (java.io.FileNotFoundException e) {
      throw new IllegalArgumentException("no such file: '" + file + "'; check the path");
    }
    return checked(rows, file);
  }

  private static IllegalArgumentException notRows(Path file, JsonParser json) {
    return new IllegalArgumentException(file + " line " + json.currentLocation().getLineNr()
        + ": must hold a JSON array of rows, each an array of numbers or an object of numbers");
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
