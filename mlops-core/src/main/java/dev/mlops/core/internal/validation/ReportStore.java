package dev.mlops.core.internal.validation;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.validation.ValidationReport;
import dev.mlops.core.internal.content.ContentKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reports in the store. A report is an immutable content object (its id is the SHA-256 of its
 * JSON); it is linked to a model version by an append-only log entry written after it:
 *
 * <pre>
 * objects/sha256/&lt;2 hex&gt;/&lt;64 hex&gt;                          the report's JSON
 * refs/validation/reports/&lt;id&gt;                             marker: the report is kept
 * logs/validation/&lt;model&gt;/&lt;version, 10 digits&gt;/&lt;seq, 10 digits&gt;  {"report": id, "passed": ...}
 * </pre>
 *
 * A crash between the two writes leaves an unlinked report, never a link to a missing one.
 */
public final class ReportStore {
  static final String LOGS = "logs/validation/";
  /** One marker per saved report, {@code refs/validation/reports/<id>}: what keeps it stored. */
  static final String SAVED = "refs/validation/reports/";

  private final ObjectStore store;

  /**
   * Creates the view of a store.
   *
   * @param store the store
   */
  public ReportStore(ObjectStore store) {
    this.store = store;
  }

  /**
   * Stores a report and links it to its model version, if it names one.
   *
   * @param report the report (its id is ignored)
   * @return the report with its id
   */
  public ValidationReport save(ValidationReport report) {
    byte[] json = ReportJson.write(report).getBytes(StandardCharsets.UTF_8);
    byte[] digest = sha256(json);
    String id = HexFormat.of().formatHex(digest);
    store.putIfAbsent(ContentKeys.keyOf(digest), json); // same bytes already there: same report
    ValidationReport saved = ReportJson.read(id, new String(json, StandardCharsets.UTF_8));
    store.putIfAbsent(SAVED + id, LinkJson.write(saved).getBytes(StandardCharsets.UTF_8));
    report.model().ifPresent(model -> link(model, saved));
    return saved;
  }

  /**
   * Reads a report, verifying its bytes against its id.
   *
   * @param id the 64-hex id
   * @return the report
   * @throws NotFoundException if there is no such report
   * @throws IntegrityException if the stored bytes do not match the id
   */
  public ValidationReport read(String id) {
    if (!id.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("a report id is 64 lowercase hex characters, got '"
          + id.replaceAll("\\p{Cntrl}", "?") + "'");
    }
    StoredBytes bytes = store.get(ContentKeys.keyOf(HexFormat.of().parseHex(id)))
        .orElseThrow(() -> new NotFoundException("No validation report " + id
            + "; list a model version's reports with reportsFor(\"<model>/<version>\")"));
    if (!HexFormat.of().formatHex(sha256(bytes.bytes())).equals(id)) {
      throw new IntegrityException("validation report " + id + " is corrupt: its bytes do not hash"
          + " to its id; restore the store object from a backup");
    }
    return ReportJson.read(id, bytes.utf8());
  }

  /**
   * Lists the ids of a model version's reports, oldest first.
   *
   * @param model {@code <name>/<version>}
   * @return the ids
   */
  public List<String> idsFor(String model) {
    try (Stream<ObjectInfo> entries = store.list(prefix(model))) {
      return entries.map(info -> store.get(info.key()))
          .flatMap(java.util.Optional::stream)
          .map(b -> LinkJson.reportOf(b.utf8()))
          .toList();
    }
  }

  private void link(String model, ValidationReport report) {
    String prefix = prefix(model);
    byte[] entry = LinkJson.write(report).getBytes(StandardCharsets.UTF_8);
    long seq;
    try (Stream<ObjectInfo> entries = store.list(prefix)) {
      seq = entries.count() + 1;
    }
    // Racing writers: putIfAbsent lets one win each number; losers try the next one.
    while (!store.putIfAbsent(prefix + String.format("%010d", seq), entry)) {
      seq++;
    }
  }

  static String prefix(String model) {
    int slash = model.lastIndexOf('/');
    if (slash <= 0 || !dev.mlops.api.Names.isValid(model.substring(0, slash))
        || !model.substring(slash + 1).matches("[1-9][0-9]{0,8}")) {
      throw new IllegalArgumentException("a model reference is <name>/<version>, such as churn/3,"
          + " got '" + model.replaceAll("\\p{Cntrl}", "?") + "'");
    }
    int version = Integer.parseInt(model.substring(slash + 1));
    return LOGS + model.substring(0, slash) + "/" + String.format("%010d", version) + "/";
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
