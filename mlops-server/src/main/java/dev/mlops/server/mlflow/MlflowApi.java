package dev.mlops.server.mlflow;

import dev.mlops.core.MlOps;
import dev.mlops.server.http.Authenticator;
import dev.mlops.server.http.WebHandler;

/** MLflow's REST API 2.0 over a store. (Placeholder of the skeleton: the endpoints come with the API's work.) */
public final class MlflowApi {
  private MlflowApi() {}

  /**
   * Tells whether a path is one of MLflow's.
   *
   * @param path the request's path below the mount point
   * @return true for {@code /api/2.0/mlflow…}, {@code /ajax-api/2.0/mlflow…} and the artifacts proxy
   */
  public static boolean owns(String path) {
    return path.startsWith("/api/2.0/mlflow") || path.startsWith("/ajax-api/2.0/mlflow");
  }

  /**
   * Creates the API over a store.
   *
   * @param mlops the store
   * @param authenticator who is asking
   * @return the handler
   */
  public static WebHandler create(MlOps mlops, Authenticator authenticator) {
    return (request, response) -> response.sendText(404, "application/json",
        "{\"error_code\":\"ENDPOINT_NOT_FOUND\",\"message\":\"not built yet: " + request.path() + "\"}");
  }
}
