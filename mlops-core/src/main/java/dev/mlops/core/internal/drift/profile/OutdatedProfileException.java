package dev.mlops.core.internal.drift.profile;

import dev.mlops.api.IntegrityException;

/**
 * An intact profile (its checksum matches) in a format this build no longer reads: versions 1
 * and 2 held Apache DataSketches sketches, which were replaced by our own. Nothing is damaged, but
 * the sketches cannot be read; the profile has to be rebuilt from its data. An
 * {@link IntegrityException}, so every caller that treats an unreadable profile as unavailable
 * (table sketches are rebuilt on read) keeps doing so.
 */
public final class OutdatedProfileException extends IntegrityException {
  private static final long serialVersionUID = 1L;

  OutdatedProfileException(String message) {
    super(message);
  }
}
