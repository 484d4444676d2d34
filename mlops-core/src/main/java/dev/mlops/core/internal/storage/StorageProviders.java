package dev.mlops.core.internal.storage;

import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StorageProvider;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Finds the {@link StorageProvider} for a URI's scheme with {@link ServiceLoader}. */
public final class StorageProviders {
  private StorageProviders() {}

  /**
   * Opens the store a URI names.
   *
   * @param uri the store's URI, with a scheme such as {@code file} or {@code s3}
   * @return the open store
   * @throws IllegalArgumentException if no provider, or more than one, serves the scheme
   */
  public static ObjectStore open(URI uri) {
    String scheme = uri.getScheme();
    if (scheme == null) {
      throw new IllegalArgumentException("Store URI '" + uri + "' has no scheme; use file:/path,"
          + " s3://bucket/prefix or mem:name");
    }
    scheme = scheme.toLowerCase(Locale.ROOT);
    List<StorageProvider> matches = new ArrayList<>();
    TreeSet<String> known = new TreeSet<>();
    for (StorageProvider provider : ServiceLoader.load(StorageProvider.class, loader())) {
      known.addAll(provider.schemes());
      if (provider.schemes().contains(scheme)) {
        matches.add(provider);
      }
    }
    if (matches.isEmpty()) {
      throw new IllegalArgumentException("No storage provider for scheme '" + scheme + "' in '"
          + uri + "'; schemes on the class path: " + known + ". Add the storage module (for"
          + " example mlops-storage-fs for file:, mlops-storage-s3 for s3:) to your dependencies");
    }
    if (matches.size() > 1) {
      List<String> names = matches.stream().map(p -> p.getClass().getName()).toList();
      throw new IllegalArgumentException("Several storage providers serve scheme '" + scheme
          + "': " + names + ". Keep one of them on the class path, or open the store yourself"
          + " and pass it to MlOps.builder().store(...)");
    }
    return matches.get(0).open(uri);
  }

  private static ClassLoader loader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : StorageProviders.class.getClassLoader();
  }
}
