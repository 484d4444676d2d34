/**
 * MLflow's REST API 2.0 over a store: {@link dev.mlops.server.mlflow.MlflowApi}. Everything else
 * here is package-private; {@code docs/mlflow.md} maps MLflow's model onto ours endpoint by endpoint.
 */
@NullMarked
package dev.mlops.server.mlflow;

import org.jspecify.annotations.NullMarked;
