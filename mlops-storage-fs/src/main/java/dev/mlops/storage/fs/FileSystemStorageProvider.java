package dev.mlops.storage.fs;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StorageProvider;
import dev.mlops.api.storage.StoreUriQuery;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Opens {@link FileSystemObjectStore}s for {@code file:} URIs; found by {@link
 * java.util.ServiceLoader}.
 *
 * <p>Accepted forms: {@code file:///absolute/dir}, {@code file://localhost/absolute/dir} and
 * {@code file:relative/dir} (relative to the working directory). Option, in the query:
 * {@code tempGracePeriod=<ISO-8601 duration>} (for example {@code file:///data/store?tempGracePeriod=PT2H};
 * default {@link FileSystemObjectStore#DEFAULT_TEMP_GRACE_PERIOD}). Thread-safe and stateless.
 */
public final class FileSystemStorageProvider implements StorageProvider {
  /** The URI scheme this provider opens. */
  public static final String SCHEME = "file";

  /** The query option that sets {@link FileSystemObjectStore.Builder#tempGracePeriod}. */
  public static final String TEMP_GRACE_PERIOD_OPTION = "tempGracePeriod";

  /** Creates the provider; it does no work until {@link #open} is called. */
  public FileSystemStorageProvider() {}

  /**
   * Returns {@code {"file"}}.
   *
   * @return the schemes
   */
  @Override
  public Set<String> schemes() {
    return Set.of(SCHEME);
  }

  /**
   * Opens the store in the directory the URI names, creating it if missing.
   *
   * @param uri a {@code file:} URI
   * @return the open store
   * @throws IllegalArgumentException if the URI is not a local {@code file:} URI or has an unknown
   *     or malformed option
   * @throws dev.mlops.api.StorageUnavailableException if the directory cannot be used
   */
  @Override
  public ObjectStore open(URI uri) {
    requireNonNull(uri, "uri");
    if (!SCHEME.equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("expected a file: URI, got '" + uri + "'");
    }
    if (uri.getRawFragment() != null) {
      throw new IllegalArgumentException("a file: store URI has no fragment, got '" + uri + "'");
    }
    String rawPath;
    String rawQuery;
    if (uri.isOpaque()) {
      String part = uri.getRawSchemeSpecificPart();
      int question = part.indexOf('?');
      rawPath = question < 0 ? part : part.substring(0, question);
      rawQuery = question < 0 ? null : part.substring(question + 1);
    } else {
      String authority = uri.getRawAuthority();
      if (authority != null && !authority.isEmpty() && !"localhost".equalsIgnoreCase(authority)) {
        throw new IllegalArgumentException("file: URIs of another host are not supported, got '"
            + uri + "'; mount the directory and use file:///local/path");
      }
      rawPath = uri.getRawPath();
      rawQuery = uri.getRawQuery();
    }
    if (rawPath == null || rawPath.isEmpty()) {
      throw new IllegalArgumentException("a file: store URI needs a directory path, got '" + uri
          + "'; for example file:///var/lib/mlops");
    }
    FileSystemObjectStore.Builder builder =
        FileSystemObjectStore.builder().root(Path.of(StoreUriQuery.decode(rawPath)));
    StoreUriQuery.options(rawQuery, uri.toString())
        .forEach((name, value) -> applyOption(builder, name, value, uri));
    return builder.build();
  }

  private static void applyOption(FileSystemObjectStore.Builder builder, String name, String value,
      URI uri) {
    if (!TEMP_GRACE_PERIOD_OPTION.equals(name)) {
      throw new IllegalArgumentException("unknown option '" + name + "' in '" + uri
          + "'; the file: store knows only " + TEMP_GRACE_PERIOD_OPTION);
    }
    try {
      builder.tempGracePeriod(Duration.parse(value));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(TEMP_GRACE_PERIOD_OPTION + " must be an ISO-8601"
          + " duration such as PT1H, got '" + value + "'", e);
    }
  }
}
