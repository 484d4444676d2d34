package dev.mlops.api.storage;

import java.net.URI;
import java.util.Set;

/**
 * Opens {@link ObjectStore}s for URI schemes. Implementations are found with
 * {@link java.util.ServiceLoader}: a storage module lists its provider in
 * {@code META-INF/services/dev.mlops.api.storage.StorageProvider}. Providers are thread-safe
 * factories with a public no-argument constructor, and do no work until {@link #open} is called.
 *
 * <p>If two providers claim the same scheme, opening a URI of that scheme fails with a message that
 * names both; choose one by removing the other from the class path or by passing a store to the
 * {@code MlOps} builder directly.
 */
public interface StorageProvider {
  /**
   * Returns the URI schemes this provider opens, lower case (for example {@code "file"}).
   *
   * @return the schemes, not empty
   */
  Set<String> schemes();

  /**
   * Opens the store a URI names. The URI's query may carry options the provider documents.
   *
   * @param uri a URI whose scheme is one of {@link #schemes()}
   * @return an open store; the caller closes it
   * @throws IllegalArgumentException if the URI is malformed for this provider
   * @throws dev.mlops.api.StorageUnavailableException if the store cannot be opened
   */
  ObjectStore open(URI uri);
}
