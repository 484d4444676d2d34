/**
 * The conformance kit: abstract test suites that every {@link dev.mlops.api.storage.ObjectStore}
 * implementation extends in a few lines, {@link dev.mlops.conformance.ObjectStoreContract} (JUnit
 * Jupiter examples) and {@link dev.mlops.conformance.ObjectStoreProperties} (jqwik properties).
 */
@NullMarked
package dev.mlops.conformance;

import org.jspecify.annotations.NullMarked;
