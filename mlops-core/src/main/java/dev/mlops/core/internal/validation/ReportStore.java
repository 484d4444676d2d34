package dev.mlops.core.internal.validation;

import dev.mlops.api.IntegrityException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.validation.ValidationReport;
import dev.mlops.core.internal.content.ContentStore;
import dev.mlops.core.internal.content.ContentWrite;
import dev.mlops.core.internal.content.Subject;
import java.nio.charset.StandardCharsets;
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
 * A crash between the two writes leaves an unlinked report, never a link to a missing one; both are
 * one content write.
 */
public final class ReportStore {
  static final String LOGS = "logs/validation/";
  /** One marker per saved report, {@code refs/validation/reports/<id>}: what keeps it stored. */
  static final String SAVED = "refs/validation/reports/";

  private final ObjectStore store;
  private final ContentStore content;

  /**
   * Creates the view of a store.
   *
   * @param store the store
   */
  public ReportStore(ObjectStore store) {
    this.store = store;
    this.content = new ContentStore(store);
  }

  /**
   * Stores a report and links it to its model version, if it names one.
   *
   * @param report the report (its id is ignored)
   * @return the report with its id
   */
  public ValidationReport save(ValidationReport report) {
    byte[] json = ReportJson.write(report).getBytes(StandardCharsets.UTF_8);
    try (ContentWrite write = content.beginWrite("validation report of " + report.suite())) {
      String id = write.put(json).sha256(); // same bytes already there: same report
      ValidationReport saved = ReportJson.read(id, new String(json, StandardCharsets.UTF_8));
      write.publishing();
      store.putIfAbsent(SAVED + id, LinkJson.write(saved).getBytes(StandardCharsets.UTF_8));
      report.model().ifPresent(model -> link(model, saved));
      return saved;
    }
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
    if (!content.contains(id)) {
      throw new NotFoundException("No validation report " + id
          + "; list a model version's reports with reportsFor(\"<model>/<version>\")");
    }
    return readLinked(id);
  }

  /**
   * Reads a report that a link names, verifying its bytes against its id.
   *
   * @param id the 64-hex id from a link
   * @return the report
   * @throws IntegrityException if the report is missing (the link points to it) or damaged
   */
  public ValidationReport readLinked(String id) {
    byte[] bytes = content.read(id, ObjectStore.MAX_GET_SIZE, new Subject("validation report " + id,
        "restore the object from a replica or validate the model again"));
    return ReportJson.read(id, new String(bytes, StandardCharsets.UTF_8));
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
}
