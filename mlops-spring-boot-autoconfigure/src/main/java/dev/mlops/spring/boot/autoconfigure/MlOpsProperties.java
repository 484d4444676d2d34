package dev.mlops.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code mlops.*} properties. The smallest useful set is three lines:
 *
 * <pre>
 * mlops.store=file:/data/mlops
 * mlops.models.churn.ref=churn@production
 * mlops.drift.churn.reference=churn-training@v3
 * </pre>
 *
 * <p>Mutable JavaBean, as Spring's binder and the configuration processor expect; read only by the
 * auto-configuration.
 */
@ConfigurationProperties(prefix = "mlops")
public class MlOpsProperties {
  /**
   * The store: a URI such as file:/data/mlops or s3://bucket/prefix, or a local directory. Empty
   * means $MLOPS_STORE, else ./.mlops. Ignored when the application defines its own MlOps or
   * ObjectStore bean.
   */
  private @Nullable String store;

  /**
   * Threads of the executor background work runs on (segment writers, drift comparisons, alias
   * polls). Empty means the SDK's own cached pool, which grows as needed.
   */
  private @Nullable Integer executorThreads;

  /** Bound on the total size of the model files whose ONNX Runtime sessions stay cached. Empty means 1GB. */
  private @Nullable DataSize modelCacheSize;

  /** How often a handle that follows an alias looks for moves made by other processes. Empty means 5s. */
  private @Nullable Duration aliasPollPeriod;

  /** Served models by bean qualifier: each becomes a ModelHandle bean loaded at start. */
  private final Map<String, Model> models = new LinkedHashMap<>();

  /** Drift monitors by bean qualifier: each becomes a DriftMonitor bean. */
  private final Map<String, Drift> drift = new LinkedHashMap<>();

  public @Nullable String getStore() {
    return store;
  }

  public void setStore(@Nullable String store) {
    this.store = store;
  }

  public @Nullable Integer getExecutorThreads() {
    return executorThreads;
  }

  public void setExecutorThreads(@Nullable Integer executorThreads) {
    this.executorThreads = executorThreads;
  }

  public @Nullable DataSize getModelCacheSize() {
    return modelCacheSize;
  }

  public void setModelCacheSize(@Nullable DataSize modelCacheSize) {
    this.modelCacheSize = modelCacheSize;
  }

  public @Nullable Duration getAliasPollPeriod() {
    return aliasPollPeriod;
  }

  public void setAliasPollPeriod(@Nullable Duration aliasPollPeriod) {
    this.aliasPollPeriod = aliasPollPeriod;
  }

  public Map<String, Model> getModels() {
    return models;
  }

  public Map<String, Drift> getDrift() {
    return drift;
  }

  /** One served model. */
  public static class Model {
    /** What to serve: model@alias (follows the alias as it moves) or model/N (one version). */
    private @Nullable String ref;

    public @Nullable String getRef() {
      return ref;
    }

    public void setRef(@Nullable String ref) {
      this.ref = ref;
    }
  }

  /** One drift monitor. */
  public static class Drift {
    /**
     * The reference: a dataset version whose only table's stored sketches are the profile, such as
     * churn-training@v3 or churn-training@main.
     */
    private @Nullable String reference;

    /** The table inside the version, when it has several. */
    private @Nullable String table;

    /** Numeric columns observed, in the order of DriftMonitor.observe's row. Empty means all numeric columns of the reference, in its order. */
    private List<String> columns = new ArrayList<>();

    /** Categorical columns observed, in the order of DriftMonitor.observe's categories. */
    private List<String> categoricalColumns = new ArrayList<>();

    /** Observations per window (count windows), or the most kept per window (time windows). */
    private int windowSize = 1_000;

    /** Observations between two count windows. Empty means tumbling windows (the window size). */
    private @Nullable Integer slide;

    /** Length of tumbling time windows instead of count windows. */
    private @Nullable Duration windowDuration;

    /**
     * Whether each compared window is recorded in the store's drift history of the monitor's name
     * (DriftMonitorConfig.Builder.recordWindows()), where the web UI's drift page, mlops drift
     * history and DriftDetector.history(name) read it. False keeps only the last window in memory.
     */
    private boolean recordWindows;

    public @Nullable String getReference() {
      return reference;
    }

    public void setReference(@Nullable String reference) {
      this.reference = reference;
    }

    public @Nullable String getTable() {
      return table;
    }

    public void setTable(@Nullable String table) {
      this.table = table;
    }

    public List<String> getColumns() {
      return columns;
    }

    public void setColumns(List<String> columns) {
      this.columns = columns;
    }

    public List<String> getCategoricalColumns() {
      return categoricalColumns;
    }

    public void setCategoricalColumns(List<String> categoricalColumns) {
      this.categoricalColumns = categoricalColumns;
    }

    public int getWindowSize() {
      return windowSize;
    }

    public void setWindowSize(int windowSize) {
      this.windowSize = windowSize;
    }

    public @Nullable Integer getSlide() {
      return slide;
    }

    public void setSlide(@Nullable Integer slide) {
      this.slide = slide;
    }

    public @Nullable Duration getWindowDuration() {
      return windowDuration;
    }

    public void setWindowDuration(@Nullable Duration windowDuration) {
      this.windowDuration = windowDuration;
    }

    public boolean isRecordWindows() {
      return recordWindows;
    }

    public void setRecordWindows(boolean recordWindows) {
      this.recordWindows = recordWindows;
    }
  }
}
