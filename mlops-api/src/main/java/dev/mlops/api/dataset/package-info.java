/**
 * Versioned, deduplicated, verifiable data: {@link dev.mlops.api.dataset.DatasetStore}.
 */
@NullMarked
package dev.mlops.api.dataset;

import org.jspecify.annotations.NullMarked;
