package dev.mlops.core.internal.drift.profile;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.Names;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import dev.mlops.core.internal.content.ContentKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Stores profiles: the bytes as a content object ({@code objects/sha256/...}), written completely
 * first, then the ref {@code refs/drift/profiles/<name>} moved to its key by compare-and-set, so a
 * reader sees the old profile or the new one, never a part.
 */
public final class ProfileStore {
  /** The prefix of profile refs. */
  public static final String REF_PREFIX = "refs/drift/profiles/";

  private final ObjectStore store;

  /**
   * Creates the store view.
   *
   * @param store the object store
   */
  public ProfileStore(ObjectStore store) {
    this.store = store;
  }

  /**
   * Saves a profile under a name, replacing any previous one.
   *
   * @param name the name
   * @param profile the profile
   */
  public void save(String name, ReferenceProfile profile) {
    Names.requireValid("profile", name);
    byte[] bytes = profile.toBytes();
    String contentKey = ContentKeys.keyOf(sha256(bytes));
    store.putIfAbsent(contentKey, bytes);
    byte[] ref = contentKey.getBytes(StandardCharsets.UTF_8);
    while (true) {
      Optional<StoredBytes> current = store.get(REF_PREFIX + name);
      VersionToken expected = current.map(StoredBytes::token).orElse(VersionToken.ABSENT);
      if (store.compareAndSet(REF_PREFIX + name, expected, ref).isPresent()) {
        return;
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
    byte[] bytes = store.get(contentKey)
        .orElseThrow(() -> new IntegrityException("Drift profile '" + name + "' points to " + contentKey
            + ", which is missing; save the profile again"))
        .bytes();
    String expected = ContentKeys.hashOf(contentKey).orElseThrow();
    if (!ContentKeys.keyOf(sha256(bytes)).endsWith(expected)) {
      throw new IntegrityException("Drift profile '" + name + "' does not match its hash " + expected
          + "; the stored object is damaged, save the profile again");
    }
    return SketchProfile.read(bytes);
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

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
