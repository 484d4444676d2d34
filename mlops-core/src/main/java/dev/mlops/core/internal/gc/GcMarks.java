package dev.mlops.core.internal.gc;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What a collection found reachable: content object keys, and the ids of dataset versions that
 * refs name (from any concern: heads and tags, runs' inputs, models' lineage), which the
 * datasets' roots expand into their objects. Not thread-safe: one collection marks at a time.
 */
public final class GcMarks {
  private final Set<String> objects = new HashSet<>();
  private final Set<String> datasetVersions = new HashSet<>();
  private final @Nullable Consumer<String> objectSink;
  private final @Nullable Consumer<String> versionSink;

  /** Creates empty marks that keep everything marked. */
  public GcMarks() {
    this(null, null);
  }

  private GcMarks(@Nullable Consumer<String> objectSink, @Nullable Consumer<String> versionSink) {
    this.objectSink = objectSink;
    this.versionSink = versionSink;
  }

  /**
   * Returns marks that hand each content object to {@code objects} instead of keeping it, and tell
   * {@code versions} of each dataset version marked, as often as it is marked (versions are kept,
   * for the expansion). Store verification looks each object up as it comes, so its memory does not grow
   * with the number of objects; such marks cannot tell what {@link #reaches}.
   *
   * @param objects receives every content object marked
   * @param versions receives every dataset version marked
   * @return the marks
   */
  public static GcMarks passingTo(Consumer<String> objects, Consumer<String> versions) {
    return new GcMarks(objects, versions);
  }

  /**
   * Marks a content object reachable.
   *
   * @param key its key, under {@code objects/}
   */
  public void object(String key) {
    if (objectSink != null) {
      objectSink.accept(key);
    } else {
      objects.add(key);
    }
  }

  /**
   * Marks a dataset version reachable; its manifest and everything it reaches follow.
   *
   * @param versionId the version's id (the SHA-256 of its manifest)
   */
  public void datasetVersion(String versionId) {
    datasetVersions.add(versionId);
    if (versionSink != null) {
      versionSink.accept(versionId);
    }
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
