package dev.mlops.server.mlflow;

/**
 * A failure answered in MLflow's error format, {@code {"error_code": ..., "message": ...}}, with
 * the HTTP status MLflow's server gives that code, so MLflow clients raise their usual exceptions.
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final int status;

  private ApiError(String code, int status, String message) {
    super(message, null, false, false);
    this.code = code;
    this.status = status;
  }

  static ApiError invalid(String message) {
    return new ApiError("INVALID_PARAMETER_VALUE", 400, message);
  }

  static ApiError malformed(String message) {
    return new ApiError("MALFORMED_REQUEST", 400, message);
  }

  static ApiError notFound(String message) {
    return new ApiError("RESOURCE_DOES_NOT_EXIST", 404, message);
  }

  static ApiError exists(String message) {
    return new ApiError("RESOURCE_ALREADY_EXISTS", 400, message);
  }

  static ApiError denied(String message) {
    return new ApiError("PERMISSION_DENIED", 403, message);
  }

  static ApiError unauthenticated(String message) {
    return new ApiError("UNAUTHENTICATED", 401, message);
  }

  /** MLflow answers INVALID_STATE with 500; a run held by another writer is such a state. */
  static ApiError invalidState(String message) {
    return new ApiError("INVALID_STATE", 500, message);
  }

  static ApiError endpointNotFound(String message) {
    return new ApiError("ENDPOINT_NOT_FOUND", 404, message);
  }

  static ApiError internal(String message) {
    return new ApiError("INTERNAL_ERROR", 500, message);
  }

  String code() {
    return code;
  }

  int status() {
    return status;
  }
}
