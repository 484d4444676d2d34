package dev.mlops.examples;

import dev.mlops.examples.WeatherData.Day;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains the demo's classifier of {@code weather} with Tribuo (multinomial logistic regression by
 * SGD) and exports it to ONNX. The model's input is a row of {@link #FEATURES} made by
 * {@link #features(Day)}; its ONNX output is one probability per label of {@link #labels}.
 */
public final class WeatherTrainer {
  /**
   * The model's inputs, in the ONNX input's column order. The numbered prefixes make Tribuo's
   * feature ids (assigned in name order) follow this order.
   */
  public static final List<String> FEATURES = List.of("f0_precipitation", "f1_temp_max",
      "f2_temp_min", "f3_wind", "f4_season_sin", "f5_season_cos");

  /** The seed of every training, so the demo tells the same story each time. */
  public static final long SEED = 42;

  private static final LabelFactory LABELS = new LabelFactory();

  private WeatherTrainer() {}

  /**
   * A point of the hyperparameter sweep.
   *
   * @param name a short name for the run
   * @param learningRate AdaGrad's initial learning rate
   * @param epochs passes over the training data
   */
  public record Config(String name, double learningRate, int epochs) {}

  /**
   * The demo's sweep: four learning rates, the same budget of epochs. Their validation accuracies
   * differ (0.422, 0.507, 0.567, 0.488 on 2013 after training on 2012), so the best is unique.
   */
  public static final List<Config> SWEEP = List.of(
      new Config("lr-0.01", 0.01, 10), new Config("lr-0.05", 0.05, 10),
      new Config("lr-0.2", 0.2, 10), new Config("lr-1", 1.0, 10));

  /**
   * Turns a day into the model's input row. Fixed unit scales (no fitted state) keep the values
   * near 1 for SGD, so a server needs nothing but this function and the ONNX file; the day of the
   * year is a point on a circle so that December 31 and January 1 are neighbours.
   *
   * @param day the day
   * @return the features, in the order of {@link #FEATURES}
   */
  public static float[] features(Day day) {
    double angle = 2 * Math.PI * (day.date().getDayOfYear() - 1) / day.date().lengthOfYear();
    return new float[] {(float) (day.precipitation() / 10), (float) (day.tempMax() / 10),
        (float) (day.tempMin() / 10), (float) (day.wind() / 5), (float) Math.sin(angle),
        (float) Math.cos(angle)};
  }

  /**
   * Trains one model.
   *
   * @param config the hyperparameters
   * @param epochs passes over the data (the sweep's curves train with fewer than the config's)
   * @param days the training days
   * @return the trained model
   */
  public static LinearSGDModel train(Config config, int epochs, List<Day> days) {
    MutableDataset<Label> data = new MutableDataset<>(
        new SimpleDataSourceProvenance("seattle-weather " + days.size() + " days", LABELS), LABELS);
    days.forEach(day -> data.add(example(day)));
    LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(),
        new AdaGrad(config.learningRate()), epochs, SEED);
    LinearSGDModel model = (LinearSGDModel) trainer.train(data);
    for (int i = 0; i < FEATURES.size(); i++) {
      if (model.getFeatureIDMap().getID(FEATURES.get(i)) != i) {
        throw new IllegalStateException("Tribuo ordered the features differently than FEATURES");
      }
    }
    return model;
  }

  /**
   * Predicts the label of each day.
   *
   * @param model the model
   * @param days the days
   * @return the predicted labels, one per day
   */
  public static List<String> predict(LinearSGDModel model, List<Day> days) {
    return days.stream().map(day -> model.predict(example(day)).getOutput().getLabel()).toList();
  }

  /**
   * Measures the share of days whose label the model predicts.
   *
   * @param model the model
   * @param days the days
   * @return the accuracy, from 0 to 1
   */
  public static double accuracy(LinearSGDModel model, List<Day> days) {
    List<String> predicted = predict(model, days);
    long right = 0;
    for (int i = 0; i < days.size(); i++) {
      right += predicted.get(i).equals(days.get(i).weather()) ? 1 : 0;
    }
    return (double) right / days.size();
  }

  /**
   * Returns the labels in the order of the ONNX output's columns.
   *
   * @param model the model
   * @return the labels, column by column
   */
  public static List<String> labels(LinearSGDModel model) {
    String[] labels = new String[model.getOutputIDInfo().size()];
    for (int id = 0; id < labels.length; id++) {
      labels[id] = model.getOutputIDInfo().getOutput(id).getLabel();
    }
    return List.of(labels);
  }

  /**
   * Writes the model as ONNX: input {@code input}, a float tensor [days, 6]; output
   * {@code output}, a float tensor [days, labels] of probabilities.
   *
   * @param model the model
   * @param file where to write it
   * @return {@code file}
   */
  public static Path exportOnnx(LinearSGDModel model, Path file) {
    try {
      model.saveONNXModel("dev.mlops.examples.weather", 1, file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Example<Label> example(Day day) {
    float[] row = features(day);
    double[] values = new double[row.length];
    for (int i = 0; i < row.length; i++) {
      values[i] = row[i];
    }
    return new ArrayExample<>(new Label(day.weather()), FEATURES.toArray(String[]::new), values);
  }
}
