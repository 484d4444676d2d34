package dev.mlops.api.drift;

/**
 * Compares a current sample with a reference, column by column, with exact tests and distances;
 * and creates streaming change detectors. Thread-safe; the detectors it creates are not.
 */
public interface DriftDetector {
  /**
   * Compares every column the two samples share.
   *
   * @param reference the reference sample (for example the training data)
   * @param current the current sample (for example the last day of requests)
   * @param config methods, thresholds and the dataset drift share
   * @return per-column results and the dataset-level decision
   * @throws IllegalArgumentException if a column is empty in either sample or has different kinds
   */
  DriftReport compare(Sample reference, Sample current, DriftConfig config);

  /**
   * Compares a current sample with a stored profile instead of raw reference values. Results are
   * approximate within the profile's {@link ReferenceProfile#rankError()} (see
   * {@code docs/drift.md}); {@link ColumnDrift#exact()} tells which ones are. A {@code ks} decision
   * against a profile is conservative: its p-value is taken at D minus the rank error, so windows
   * without drift are flagged at most at the threshold's rate, and a shift must be larger to be
   * flagged than against raw values (a larger sketch size, {@link #profile(Sample, int)}, narrows
   * the gap).
   *
   * @param reference the reference profile
   * @param current the current sample
   * @param config methods, thresholds and the dataset drift share
   * @return per-column results and the dataset-level decision
   * @throws IllegalArgumentException as for {@link #compare(Sample, Sample, DriftConfig)}
   */
  DriftReport compare(ReferenceProfile reference, Sample current, DriftConfig config);

  /**
   * Compares a current profile with a reference profile: both sides are sketches, so the current
   * data can be profiled where it lives (in parts, merged; on Spark's executors) and never
   * gathered in one place. Every method is computed from the sketches: {@code ks} and
   * {@code wasserstein} from the two quantile sketches' step functions, the binned distances from
   * the current sketch's CDF at the reference's deciles, categorical methods from the two
   * frequent-items sketches' counts. A numeric statistic is within the sum of the two profiles'
   * {@link ReferenceProfile#rankError()} of the raw one ({@code docs/drift.md}), and a {@code ks}
   * decision is conservative by that sum. {@link ColumnDrift#exact()} is {@code true} only for
   * categorical columns whose counts both profiles kept exactly.
   *
   * @param reference the reference profile
   * @param current the current profile, for example {@link #profile(Sample, int)} of the current
   *     data with the reference's {@link ReferenceProfile#sketchSize()}
   * @param config methods, thresholds and the dataset drift share
   * @return per-column results and the dataset-level decision
   * @throws IllegalArgumentException if a compared column is missing from either profile or has
   *     different types in the two, or a profile was not made by this SDK
   */
  DriftReport compare(ReferenceProfile reference, ReferenceProfile current, DriftConfig config);

  /**
   * Profiles a sample with sketches of the default size ({@value #DEFAULT_SKETCH_SIZE}).
   *
   * @param sample the reference data
   * @return its profile
   * @throws IllegalArgumentException if a column is empty or has an infinite value
   */
  default ReferenceProfile profile(Sample sample) {
    return profile(sample, DEFAULT_SKETCH_SIZE);
  }

  /** The default KLL parameter k of profiles: 200 (rank error 1.1% at 99% confidence). */
  int DEFAULT_SKETCH_SIZE = 200;

  /**
   * Profiles a sample with KLL sketches of parameter k.
   *
   * @param sample the reference data
   * @param sketchSize k, from 8 to 65535; the rank error shrinks about as 1/k
   * @return its profile
   * @throws IllegalArgumentException if a column is empty or has an infinite value, or k is out of range
   */
  ReferenceProfile profile(Sample sample, int sketchSize);

  /**
   * Profiles one categorical column from counts made elsewhere, such as a Spark
   * {@code groupBy().count()} or a SQL {@code GROUP BY}. Every count is kept exactly, however many
   * categories there are (a {@link #profile(Sample, int) profile} of a sample keeps them exactly up
   * to 768), so a comparison with it is exact where the other side is; its size grows with the
   * categories. {@link ReferenceProfile#join Join} it with a profile of the other columns; a
   * {@link ReferenceProfile#merge merge} with a profile of a sample bounds it to 768 categories
   * again. It has no quantile sketch: its {@link ReferenceProfile#sketchSize()} is the largest,
   * 65535, so a join keeps the other profile's.
   *
   * @param column the column
   * @param counts count per category (missing values left out); read, not retained
   * @return a profile of that one column
   * @throws IllegalArgumentException if there is no count, a category is null or a count is not positive
   */
  ReferenceProfile categoricalProfile(String column, java.util.Map<String, Long> counts);

  /**
   * Turns one Arrow record batch into a sample: floating-point, integer and boolean vectors
   * (true = 1) become numeric columns, UTF-8 string vectors categorical ones; nulls are missing.
   * Profile large tables batch by batch and {@link ReferenceProfile#merge merge} the profiles, so
   * memory stays that of one batch.
   *
   * @param batch the batch; its vectors are read, not retained
   * @return the sample
   * @throws IllegalArgumentException for a vector of another type, naming the column and type
   */
  Sample sample(org.apache.arrow.vector.VectorSchemaRoot batch);

  /**
   * Reads a profile written by {@link ReferenceProfile#toBytes()}.
   *
   * @param bytes the serialized profile
   * @return the profile
   * @throws dev.mlops.api.IntegrityException if the bytes are not a whole, valid profile
   */
  ReferenceProfile readProfile(byte[] bytes);

  /**
   * Stores a profile under a name in the store (replacing the previous one of that name), so that
   * other processes can compare against it without the raw data.
   *
   * @param name a name valid under {@link dev.mlops.api.Names}
   * @param profile the profile
   */
  void saveProfile(String name, ReferenceProfile profile);

  /**
   * Loads a stored profile.
   *
   * @param name its name
   * @return the profile
   * @throws dev.mlops.api.NotFoundException if no profile has that name
   * @throws dev.mlops.api.IntegrityException if the stored bytes are damaged
   */
  ReferenceProfile loadProfile(String name);

  /**
   * Opens the recorded drift history of a name (a monitor's name, a model, a feed); nothing is
   * written until something is recorded. Histories live in the store under
   * {@code logs/drift/<name>/}, so every process on the store, the CLI ({@code mlops drift history})
   * and the web UI read the same series.
   *
   * @param name a name valid under {@link dev.mlops.api.Names}
   * @return the history; cheap to open, thread-safe
   * @throws dev.mlops.api.InvalidNameException if the name is not valid
   */
  DriftHistory history(String name);

  /**
   * Lists the names that have recorded drift reports in this store.
   *
   * @return the names, sorted
   */
  java.util.List<String> histories();

  /**
   * Starts an in-service monitor that compares windows of live values with a reference profile.
   *
   * @param config the reference, columns, windows and listeners
   * @return the running monitor; close it when done
   */
  DriftMonitor monitor(DriftMonitorConfig config);

  /**
   * Writes a report as one self-contained HTML page (no scripts, styles or images from the
   * network): per column the reference and current histograms, the statistic, the threshold and
   * the verdict.
   *
   * @param report the report
   * @param title the page's title
   * @return the HTML document
   */
  String toHtml(DriftReport report, String title);

  /**
   * Creates a streaming change detector with its paper's default parameters.
   *
   * @param kind the detector
   * @return a new detector, not thread-safe
   */
  default ChangeDetector changeDetector(DetectorKind kind) {
    return changeDetector(kind, java.util.Map.of());
  }

  /**
   * Creates a streaming change detector; parameters not given keep their defaults (listed per
   * detector in {@code docs/drift.md}).
   *
   * @param kind the detector
   * @param params parameters by name, such as {@code delta} for ADWIN
   * @return a new detector, not thread-safe
   * @throws IllegalArgumentException for an unknown parameter or a value out of range
   */
  ChangeDetector changeDetector(DetectorKind kind, java.util.Map<String, Double> params);
}
