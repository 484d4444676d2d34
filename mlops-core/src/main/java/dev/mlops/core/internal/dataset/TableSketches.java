package dev.mlops.core.internal.dataset;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import dev.mlops.core.internal.drift.profile.OutdatedProfileException;
import dev.mlops.core.internal.drift.profile.SketchProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a stored table's column sketches live: {@code objects/sketches/<sha256 of the table>}, a
 * header line naming the table's hash followed by the drift profile format ("MLDP", ending in a
 * CRC-32).
 *
 * <p>Why beside the manifest and not inside it: the sketches are derived data whose bytes depend
 * on the sketch implementation (the DataSketches ones of older versions gave different bytes on
 * every commit; ours are seeded, so the same table gives the same bytes, but a future change of
 * the sketches must not change version ids). Older-format sketches read as not available and are
 * rebuilt like damaged ones. Keyed by the table's content hash, the sketches are found from the
 * manifest alone, the first
 * commit of a table writes them (put-if-absent) and every later version holding the same table
 * reuses them. Garbage collection keeps them while a version holds the table.
 */
final class TableSketches {
  static final String PREFIX = "objects/sketches/";
  private static final String HEADER = "MLTS ";
  private static final Logger LOG = LoggerFactory.getLogger(TableSketches.class);

  private TableSketches() {}

  static String key(String tableSha256) {
    return PREFIX + tableSha256;
  }

  static byte[] encode(String tableSha256, SketchProfile profile) {
    byte[] header = (HEADER + tableSha256 + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] body = profile.toBytes();
    byte[] out = Arrays.copyOf(header, header.length + body.length);
    System.arraycopy(body, 0, out, header.length, body.length);
    return out;
  }

  /**
   * Profiles a table from its data, for tables committed before sketches were stored.
   *
   * @param reader the table, read to its end and not closed
   * @return its sketches
   */
  static SketchProfile build(ArrowReader reader) throws IOException {
    VectorSchemaRoot root = reader.getVectorSchemaRoot();
    List<ColumnProfiler> profilers = TableWriter.profilers(root);
    while (reader.loadNextBatch()) {
      TableWriter.profile(root, profilers);
    }
    return TableWriter.sketches(root.getSchema(), profilers);
  }

  /**
   * Reads the sketches of a table, if stored.
   *
   * @return empty for a table committed before sketches were stored (or whose sketches were lost)
   * @throws DamagedSketchesException if the object is damaged or belongs to another table
   */
  static Optional<SketchProfile> read(ObjectStore store, String tableSha256, String label) {
    Optional<StoredBytes> stored = store.get(key(tableSha256));
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(decode(tableSha256, stored.get().bytes(), label));
    } catch (IntegrityException e) {
      throw new DamagedSketchesException(e.getMessage(), stored.get().token(), e);
    }
  }

  /**
   * Reads the sketches of a table for what they add to a version's description (estimated
   * quantiles): damaged ones are derived data, so they are reported as not available rather than
   * blocking the version.
   *
   * @return empty if not stored or damaged (logged with the way to rebuild them)
   */
  static Optional<SketchProfile> readIfIntact(ObjectStore store, String tableSha256, String label,
      String version, String path) {
    try {
      return read(store, tableSha256, label);
    } catch (DamagedSketchesException e) {
      LOG.warn("{} The estimated quantiles of {} are not available until the sketches are"
          + " rebuilt, which reading the table's profile does: `mlops drift --reference {} --table"
          + " {} --current <csv>` or DatasetStore.profile(\"{}\", \"{}\")", e.getMessage(), label,
          version, path, version, path);
      return Optional.empty();
    }
  }

  /**
   * Replaces damaged sketches with ones rebuilt from the table; a no-op if another reader replaced
   * them first.
   */
  static void replaceDamaged(ObjectStore store, String tableSha256, VersionToken damaged,
      SketchProfile rebuilt) {
    store.compareAndSet(key(tableSha256), damaged, encode(tableSha256, rebuilt));
  }

  /** Stored sketches that do not read; {@link #token()} identifies them for a replacement. */
  static final class DamagedSketchesException extends IntegrityException {
    private static final long serialVersionUID = 1L;
    private final transient VersionToken token;

    DamagedSketchesException(String message, VersionToken token, Throwable cause) {
      super(message, cause);
      this.token = token;
    }

    VersionToken token() {
      return token;
    }
  }

  /** Intact sketches in a format this build no longer reads: rebuilt like damaged ones. */
  private static final class OutdatedSketchesException extends IntegrityException {
    private static final long serialVersionUID = 1L;

    OutdatedSketchesException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Checks a stored sketch object: its header names the table of its key and its profile reads.
   *
   * @param key the object's key, under {@link #PREFIX}
   * @param bytes the whole object
   * @throws IntegrityException if it is damaged or belongs to another table
   */
  static void verify(String key, byte[] bytes) {
    try {
      decode(key.substring(PREFIX.length()), bytes, "the table");
    } catch (OutdatedSketchesException e) {
      // Intact (its checksum matched) but written by an older build: not damage, rebuilt on read.
    }
  }

  private static SketchProfile decode(String tableSha256, byte[] bytes, String label) {
    byte[] header = (HEADER + tableSha256 + "\n").getBytes(StandardCharsets.US_ASCII);
    if (bytes.length < header.length
        || !Arrays.equals(bytes, 0, header.length, header, 0, header.length)) {
      throw new IntegrityException("The column sketches of " + label + " (object '"
          + key(tableSha256) + "') do not belong to that table.");
    }
    try {
      return SketchProfile.read(Arrays.copyOfRange(bytes, header.length, bytes.length));
    } catch (OutdatedProfileException e) {
      throw new OutdatedSketchesException("The column sketches of " + label + " (object '"
          + key(tableSha256) + "') were written by an older version in a format this build no longer"
          + " reads (Apache DataSketches).", e);
    } catch (IntegrityException e) {
      throw new IntegrityException("The column sketches of " + label + " (object '"
          + key(tableSha256) + "') are damaged (" + e.getMessage() + ").", e);
    }
  }
}
