package dev.mlops.server.http;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What every adapter's request holds alike: the decoded path {@link Dispatch} accepted, the mount
 * point, and the query parameters, parsed once on first use from the server's raw query string.
 */
abstract class AdapterRequest implements WebRequest {
  private final String path;
  private final String mountPath;
  private @Nullable Map<String, List<String>> query;

  AdapterRequest(String path, String mountPath) {
    this.path = path;
    this.mountPath = mountPath;
  }

  /** The raw (still encoded) query string, or null when there is none. */
  abstract @Nullable String rawQuery();

  @Override
  public final String path() {
    return path;
  }

  @Override
  public final String mountPath() {
    return mountPath;
  }

  @Override
  public final Map<String, List<String>> queryParameters() {
    if (query == null) {
      query = QueryStrings.parse(rawQuery());
    }
    return query;
  }
}
