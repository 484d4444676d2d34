/**
 * Retraining decisions from triggers: {@link dev.mlops.api.retrain.RetrainPolicy}.
 */
@NullMarked
package dev.mlops.api.retrain;

import org.jspecify.annotations.NullMarked;
