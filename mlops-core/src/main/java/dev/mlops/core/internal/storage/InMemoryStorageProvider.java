package dev.mlops.core.internal.storage;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StorageProvider;
import java.net.URI;
import java.util.Set;

/**
 * Opens {@link InMemoryObjectStore}s for the {@code mem} scheme: {@code mem:name} or
 * {@code mem://name}, where the name is one object key segment (letters, digits, {@code _ - . =}).
 * Each open of one name, in one JVM, returns a new view of the same objects, so several
 * {@code MlOps} instances on {@code mem:experiments} share them; the objects stay until the JVM
 * exits. Registered in {@code META-INF/services}; thread-safe.
 */
public final class InMemoryStorageProvider implements StorageProvider {
  /** The scheme this provider opens. */
  public static final String SCHEME = "mem";

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public InMemoryStorageProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of(SCHEME);
  }

  /**
   * Opens a view of the in-memory store the URI names.
   *
   * @param uri {@code mem:name} or {@code mem://name}, without path, query or fragment
   * @return a new view of the named store
   * @throws IllegalArgumentException if the URI is not of that form
   */
  @Override
  public ObjectStore open(URI uri) {
    requireNonNull(uri, "uri");
    if (!SCHEME.equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("Not a mem: URI: '" + uri + "'");
    }
    String name = uri.isOpaque() ? uri.getRawSchemeSpecificPart() : uri.getRawAuthority();
    boolean extra = uri.getRawFragment() != null || (!uri.isOpaque()
        && (uri.getRawQuery() != null || !uri.getRawPath().isEmpty()));
    if (name == null || extra) {
      throw new IllegalArgumentException("Malformed in-memory store URI '" + uri + "': use"
          + " mem:name or mem://name, with no path, query or fragment");
    }
    return InMemoryObjectStore.named(uri, name);
  }
}
