/**
 * Model versions, aliases, gated promotion and history: {@link dev.mlops.api.registry.ModelRegistry}.
 */
@NullMarked
package dev.mlops.api.registry;

import org.jspecify.annotations.NullMarked;
