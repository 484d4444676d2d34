package dev.mlops.core;

import dev.mlops.api.StorageUnavailableException;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.core.internal.storage.DocumentChecks;
import dev.mlops.core.internal.storage.DocumentSeal;
import dev.mlops.core.internal.storage.SealedDocumentStore;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The document part of {@link StoreInspector#verify()}: every document under {@code refs/} and
 * {@code logs/} (metric segments are checked elsewhere) must carry an intact seal, or none at all
 * (written before seals), and must read with the codec of the concern that owns it. Streams the
 * listing; holds one document at a time.
 */
final class DocumentVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentVerifier.class);
  private static final List<String> AREAS = List.of("refs/", "logs/");

  private final ObjectStore stored;
  private final List<DocumentChecks> checks;
  private long checked;
  private long unsealed;

  /** @param store the store as stored, below any sealed view */
  DocumentVerifier(ObjectStore store) {
    this.stored = SealedDocumentStore.unwrap(store);
    this.checks = ServiceLoader.load(DocumentChecks.class, DocumentVerifier.class.getClassLoader())
        .stream().map(ServiceLoader.Provider::get).toList();
  }

  /** Checks every document, adding the keys of damaged ones to {@code corrupt}. */
  void verify(List<String> corrupt) {
    for (String area : AREAS) {
      try (Stream<ObjectInfo> listing = stored.list(area)) {
        for (ObjectInfo info : (Iterable<ObjectInfo>) listing::iterator) {
          if (SealedDocumentStore.isDocument(info.key()) && !reads(info.key())) {
            corrupt.add(info.key());
          }
        }
      }
    }
  }

  long checked() {
    return checked;
  }

  long unsealed() {
    return unsealed;
  }

  private boolean reads(String key) {
    Optional<StoredBytes> object = stored.get(key);
    if (object.isEmpty()) {
      return true; // deleted since listed
    }
    checked++;
    byte[] bytes = object.get().bytes();
    Optional<DocumentChecks> owner = checks.stream().filter(c -> c.owns(key)).findFirst();
    if (bytes.length == 0 && owner.isPresent() && owner.get().wasEmptyBeforeSeals(key)) {
      unsealed++;
      return true;
    }
    try {
      DocumentSeal.Opened opened = DocumentSeal.open(key, bytes);
      if (!opened.sealed()) {
        unsealed++;
      }
      owner.ifPresent(c -> c.check(key, opened.body()));
      return true;
    } catch (StorageUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      // An integrity error, or any other failure of a codec on damaged bytes: it does not read.
      LOG.debug("document {} does not read", key, e);
      return false;
    }
  }
}
