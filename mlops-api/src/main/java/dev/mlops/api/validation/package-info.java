/**
 * Deployment gates as code: {@link dev.mlops.api.validation.Validator}.
 */
@NullMarked
package dev.mlops.api.validation;

import org.jspecify.annotations.NullMarked;
