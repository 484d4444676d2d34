/**
 * The file-system {@link dev.mlops.api.storage.ObjectStore}: {@link
 * dev.mlops.storage.fs.FileSystemObjectStore}, opened directly or through {@link
 * dev.mlops.storage.fs.FileSystemStorageProvider} for {@code file:} URIs.
 *
 * <p>Layout: the object with key {@code a/b/c} is the regular file {@code <root>/a+/b+/c} (folders
 * of keys are directories named with a trailing {@code +}, so {@code a} and {@code a/b} can both be
 * objects); the store's own files live in the hidden directories {@code <root>/.mlops-tmp/}
 * (temporary files of writes in progress) and {@code <root>/.mlops-locks/} (lock files of
 * compare-and-set and delete).
 */
@NullMarked
package dev.mlops.storage.fs;

import org.jspecify.annotations.NullMarked;
