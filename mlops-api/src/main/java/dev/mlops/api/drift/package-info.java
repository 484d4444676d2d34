/**
 * Batch drift tests and streaming change detectors: {@link dev.mlops.api.drift.DriftDetector}.
 */
@NullMarked
package dev.mlops.api.drift;

import org.jspecify.annotations.NullMarked;
