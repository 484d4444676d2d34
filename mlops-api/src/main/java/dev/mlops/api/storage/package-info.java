/**
 * The storage SPI: {@link dev.mlops.api.storage.ObjectStore}, its key rule in
 * {@link dev.mlops.api.storage.ObjectKeys}, and {@link dev.mlops.api.storage.StorageProvider}, found
 * by {@link java.util.ServiceLoader} from a URI scheme.
 */
@NullMarked
package dev.mlops.api.storage;

import org.jspecify.annotations.NullMarked;
