package dev.mlops.spring.boot.autoconfigure;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.drift.ColumnType;
import dev.mlops.api.drift.DriftMonitor;
import dev.mlops.api.drift.DriftMonitorConfig;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.core.MlOps;
import java.util.List;

/** Starts the {@link DriftMonitor} of {@code mlops.drift.<name>.*}: its meters go to the MlOps bean's registry. */
final class DriftMonitors {
  private DriftMonitors() {}

  static DriftMonitor start(MlOps mlops, String name, MlOpsProperties.Drift drift) {
    String prefix = MlOpsBeanRegistrar.DRIFT_BEAN_PREFIX + name;
    String reference = drift.getReference();
    if (reference == null || reference.isBlank()) {
      throw new MlOpsPropertyException(prefix + ".reference", reference, "a drift monitor needs a reference",
          "Set " + prefix + ".reference to a dataset version whose table is the reference, such as training@v3.", null);
    }
    ReferenceProfile profile;
    try {
      profile = drift.getTable() == null
          ? mlops.datasets().profile(reference.trim())
          : mlops.datasets().profile(reference.trim(), drift.getTable());
    } catch (MlOpsException | IllegalArgumentException e) {
      throw new MlOpsPropertyException(prefix + ".reference", reference, e.getMessage(),
          "Point " + prefix + ".reference at a dataset version of this store (dataset@tag, dataset@head or"
              + " dataset@id), and set " + prefix + ".table when it has several tables.", e);
    }
    List<String> columns = drift.getColumns().isEmpty() && drift.getCategoricalColumns().isEmpty()
        ? profile.columns().stream().filter(c -> profile.type(c).orElse(null) == ColumnType.NUMERIC).toList()
        : drift.getColumns();
    try {
      DriftMonitorConfig.Builder config = DriftMonitorConfig.builder().name(name).reference(profile)
          .windowSize(drift.getWindowSize());
      if (!columns.isEmpty()) {
        config.columns(columns);
      }
      if (!drift.getCategoricalColumns().isEmpty()) {
        config.categoricalColumns(drift.getCategoricalColumns());
      }
      if (drift.getSlide() != null) {
        config.slide(drift.getSlide());
      }
      if (drift.getWindowDuration() != null) {
        config.windowDuration(drift.getWindowDuration());
      }
      if (drift.isRecordWindows()) {
        config.recordWindows();
      }
      return mlops.drift().monitor(config.build());
    } catch (IllegalArgumentException | IllegalStateException e) {
      String values = "columns=" + drift.getColumns() + ", categorical-columns=" + drift.getCategoricalColumns()
          + ", window-size=" + drift.getWindowSize() + (drift.getSlide() != null ? ", slide=" + drift.getSlide() : "")
          + (drift.getWindowDuration() != null ? ", window-duration=" + drift.getWindowDuration() : "");
      throw new MlOpsPropertyException(prefix, values, e.getMessage(),
          "Fix " + prefix + ".columns, .categorical-columns, .window-size, .slide or .window-duration as the"
              + " message says; the reference's columns are " + profile.columns() + ".", e);
    }
  }
}
