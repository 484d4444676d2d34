package dev.mlops.core.internal.drift.profile;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.core.internal.content.ContentKeys;
import dev.mlops.core.internal.gc.GcMarks;
import dev.mlops.core.internal.gc.GcRoots;
import dev.mlops.core.internal.gc.GcScope;
import java.util.List;
import java.util.stream.Stream;

/** The drift profiles' roots: the content object each saved profile's ref names. */
public final class ProfileGcRoots implements GcRoots {
  /** Creates the roots; found by {@link java.util.ServiceLoader}. */
  public ProfileGcRoots() {}

  @Override
  public String name() {
    return "drift profiles";
  }

  @Override
  public List<String> areas() {
    return List.of("refs/drift/");
  }

  @Override
  public void mark(GcScope scope, GcMarks marks) {
    try (Stream<ObjectInfo> refs = scope.store().list(ProfileStore.REF_PREFIX)) {
      for (ObjectInfo info : (Iterable<ObjectInfo>) refs::iterator) {
        scope.store().get(info.key()).ifPresent(ref -> {
          String key = ref.utf8().trim();
          if (ContentKeys.hashOf(key).isEmpty()) {
            throw new IntegrityException("Drift profile ref '" + info.key() + "' holds '" + key
                + "', not a content key; save the profile again");
          }
          marks.object(key);
        });
      }
    }
  }
}
