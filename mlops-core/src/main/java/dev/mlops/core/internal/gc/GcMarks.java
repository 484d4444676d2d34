package dev.mlops.core.internal.gc;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a collection found reachable: content object keys, and the ids of dataset versions that
 * refs name (from any concern: heads and tags, runs' inputs, models' lineage), which the
 * datasets' roots expand into their objects. Not thread-safe: one collection marks at a time.
 */
public final class GcMarks {
  private final Set<String> objects = new HashSet<>();
  private final Set<String> datasetVersions = new HashSet<>();

  /**
   * Marks a content object reachable.
   *
   * @param key its key, under {@code objects/}
   */
  public void object(String key) {
    objects.add(key);
  }

  /**
   * Marks a dataset version reachable; its manifest and everything it reaches follow.
   *
   * @param versionId the version's id (the SHA-256 of its manifest)
   */
  public void datasetVersion(String versionId) {
    datasetVersions.add(versionId);
  }

  /**
   * Tells whether a content object is reachable.
   *
   * @param key the object's key
   * @return whether it was marked
   */
  public boolean reaches(String key) {
    return objects.contains(key);
  }

  /**
   * Returns the dataset versions marked so far.
   *
   * @return their ids, a copy
   */
  public List<String> datasetVersions() {
    return List.copyOf(datasetVersions);
  }

  /**
   * Returns how many content objects are marked.
   *
   * @return the count
   */
  public int objectCount() {
    return objects.size();
  }

  /**
   * Returns the marked content object keys.
   *
   * @return a copy
   */
  public Set<String> objects() {
    return Set.copyOf(objects);
  }
}
