package dev.mlops.core.internal.experiment;

import dev.mlops.api.Names;
import dev.mlops.api.experiment.RunInfo;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A field of a run that filters compare and searches sort by. */
record FieldRef(Area area, String key) {
  enum Area { METRICS, PARAMS, TAGS, STATUS, NAME, EXPERIMENT, ID, STARTED }

  static @Nullable FieldRef parse(String field) {
    switch (field) {
      case "status": return new FieldRef(Area.STATUS, "");
      case "name": return new FieldRef(Area.NAME, "");
      case "experiment": return new FieldRef(Area.EXPERIMENT, "");
      case "id": return new FieldRef(Area.ID, "");
      case "started": return new FieldRef(Area.STARTED, "");
      default: break;
    }
    int dot = field.indexOf('.');
    if (dot < 0 || !Names.isValidKey(field.substring(dot + 1))) {
      return null;
    }
    String key = field.substring(dot + 1);
    switch (field.substring(0, dot)) {
      case "metrics": return new FieldRef(Area.METRICS, key);
      case "params": return new FieldRef(Area.PARAMS, key);
      case "tags": return new FieldRef(Area.TAGS, key);
      default: return null;
    }
  }

  Optional<String> text(RunInfo run) {
    switch (area) {
      case PARAMS: return Optional.ofNullable(run.params().get(key));
      case TAGS: return Optional.ofNullable(run.tags().get(key));
      case STATUS: return Optional.of(run.status().name());
      case NAME: return Optional.of(run.name());
      case EXPERIMENT: return Optional.of(run.experiment());
      case ID: return Optional.of(run.id());
      case STARTED: return Optional.of(run.startedAt().toString());
      default: return Optional.ofNullable(run.latestMetrics().get(key)).map(String::valueOf);
    }
  }

  /** The field as a number, or null when absent or not numeric. */
  @Nullable Double number(RunInfo run) {
    if (area == Area.METRICS) {
      return run.latestMetrics().get(key);
    }
    if (area == Area.STARTED) {
      return (double) run.startedAt().toEpochMilli();
    }
    String text = text(run).orElse(null);
    if (text == null) {
      return null;
    }
    try {
      return Double.valueOf(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
