package dev.mlops.core.internal.registry;

import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.validation.Validator;
import java.util.function.Supplier;

/**
 * What stored gates need besides the registry: the dataset store their data lives in and the
 * validator that runs their suite and stores the report. Suppliers, so an {@code MlOps} makes those
 * concerns only when a gate is first set or run.
 *
 * @param datasets the dataset store of the same store
 * @param validator the validator of the same store
 */
public record GateServices(Supplier<DatasetStore> datasets, Supplier<Validator> validator) {
  /** For a registry made without an {@code MlOps} (tests): stored gates cannot be set or run. */
  public static final GateServices NONE = new GateServices(GateServices::unavailable, GateServices::unavailable);

  private static <T> T unavailable() {
    throw new IllegalStateException("stored gates need the datasets and the validator of an MlOps; open the"
        + " registry through MlOps.models()");
  }
}
