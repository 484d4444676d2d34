/**
 * The public contract of the mlops SDK: the six concerns ({@link dev.mlops.api.dataset.DatasetStore},
 * {@link dev.mlops.api.experiment.ExperimentLogger}, {@link dev.mlops.api.registry.ModelRegistry},
 * {@link dev.mlops.api.validation.Validator}, {@link dev.mlops.api.drift.DriftDetector},
 * {@link dev.mlops.api.retrain.RetrainPolicy}), the exception hierarchy rooted at
 * {@link dev.mlops.api.MlOpsException} and the naming rule in {@link dev.mlops.api.Names}.
 *
 * <p>Everything here is an interface, an immutable value, a builder of a value, or an exception;
 * implementations live in {@code mlops-core} and the storage modules.
 */
@NullMarked
package dev.mlops.api;

import org.jspecify.annotations.NullMarked;
