/**
 * Runs with params, metrics, artifacts and inputs: {@link dev.mlops.api.experiment.ExperimentLogger}.
 */
@NullMarked
package dev.mlops.api.experiment;

import org.jspecify.annotations.NullMarked;
