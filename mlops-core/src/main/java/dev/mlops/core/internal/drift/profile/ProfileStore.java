package dev.mlops.core.internal.drift.profile;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.Names;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import dev.mlops.core.internal.content.ContentKeys;
import dev.mlops.core.internal.content.ContentStore;
import dev.mlops.core.internal.content.ContentWrite;
import dev.mlops.core.internal.content.Subject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Stores profiles: the bytes as a content object ({@code objects/sha256/...}), written completely
 * first, then the ref {@code refs/drift/profiles/<name>} moved to its key by compare-and-set, so a
 * reader sees the old profile or the new one, never a part. Both are one content write.
 */
public final class ProfileStore {
  /** The prefix of profile refs. */
  public static final String REF_PREFIX = "refs/drift/profiles/";

  private final ObjectStore store;
  private final ContentStore content;

  /**
   * Creates the store view.
   *
   * @param store the object store
   */
  public ProfileStore(ObjectStore store) {
    this.store = store;
    this.content = new ContentStore(store);
  }

  /**
   * Saves a profile under a name, replacing any previous one.
   *
   * @param name the name
   * @param profile the profile
   */
  public void save(String name, ReferenceProfile profile) {
    Names.requireValid("profile", name);
    try (ContentWrite write = content.beginWrite("drift profile " + name)) {
      byte[] ref = write.put(profile.toBytes()).key().getBytes(StandardCharsets.UTF_8);
      while (true) {
        Optional<StoredBytes> current = store.get(REF_PREFIX + name);
        VersionToken expected = current.map(StoredBytes::token).orElse(VersionToken.ABSENT);
        write.publishing();
        if (store.compareAndSet(REF_PREFIX + name, expected, ref).isPresent()) {
          return;
        }
      }
    }
  }

  /**
   * Loads a profile.
   *
   * @param name its name
   * @return the profile
   */
  public SketchProfile load(String name) {
    Names.requireValid("profile", name);
    String contentKey = contentKey(REF_PREFIX + name, store.get(REF_PREFIX + name)
        .orElseThrow(() -> new NotFoundException("No drift profile named '" + name + "'; save one with"
            + " DriftDetector.saveProfile"))
        .bytes());
    String sha256 = ContentKeys.hashOf(contentKey).orElseThrow();
    byte[] bytes = content.read(sha256, ObjectStore.MAX_GET_SIZE,
        new Subject("drift profile '" + name + "'", "save the profile again"));
    try {
      return SketchProfile.read(bytes);
    } catch (OutdatedProfileException e) {
      throw new OutdatedProfileException("Drift profile '" + name + "' was saved by an older version"
          + " whose sketches (Apache DataSketches) this build no longer reads; rebuild it from its data with"
          + " DriftDetector.profile(sample) and save it again with DriftDetector.saveProfile(\"" + name
          + "\", profile)");
    }
  }

  /**
   * Reads a profile ref: exactly the key of a content object.
   *
   * @param key the ref's key, for the message
   * @param ref the ref's bytes
   * @return the content key it holds
   * @throws IntegrityException if it holds anything else
   */
  public static String contentKey(String key, byte[] ref) {
    String contentKey = new String(ref, StandardCharsets.UTF_8);
    if (ContentKeys.hashOf(contentKey).isEmpty()) {
      throw new IntegrityException("Drift profile ref '" + key + "' is damaged: it holds no content"
          + " key; save the profile again (DriftDetector.saveProfile)");
    }
    return contentKey;
  }
}
