package dev.mlops.core.internal.dataset;

import dev.mlops.api.ConflictException;
import dev.mlops.api.MlOpsException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.Remedy;
import dev.mlops.api.dataset.DatasetConflictException;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.api.dataset.ViewRequest;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import dev.mlops.core.internal.content.ContentWrite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Commits a virtual version: checks the projection and the filter against every table of the
 * base, reads each table once through the view to record its rows, profiles, sketches and the
 * hash of its materialization (no row is stored), then stores the manifest and the version record
 * and moves the head by compare-and-set, as {@link Committer} does, in one content write.
 */
final class ViewCommitter {
  private final ObjectStore store;
  private final VersionReader reader;
  private final Clock clock;

  ViewCommitter(ObjectStore store, VersionReader reader, Clock clock) {
    this.store = store;
    this.reader = reader;
    this.clock = clock;
  }

  DatasetVersion commit(ViewRequest request) {
    try (ContentWrite write = reader.content().beginWrite("view commit to " + request.dataset())) {
      return commit(request, write);
    }
  }

  private DatasetVersion commit(ViewRequest request, ContentWrite write) {
    Optional<RowFilter> filter = request.where().map(RowFilter::parse);
    VersionReader.Loaded base = reader.resolve(request.base());
    String headKey = DatasetKeys.head(request.dataset(), request.head());
    Optional<StoredBytes> head = store.get(headKey);
    Manifest.View view = new Manifest.View(base.ref().toString(), request.columns(), filter.map(RowFilter::text));
    Manifest manifest = new Manifest(head.map(h -> h.utf8().trim()), request.message(), request.author(),
        new java.util.TreeMap<>(Map.of()), files(base, request.columns(), filter, write),
        List.of(base.ref().toString()), describe(view), Optional.of(view));
    String id = write.put(ManifestCodec.encode(manifest)).sha256();
    write.publishing();
    store.putIfAbsent(DatasetKeys.version(request.dataset(), id), VersionReader.VersionRecord.encode(clock.instant()));
    VersionToken expected = head.map(StoredBytes::token).orElse(VersionToken.ABSENT);
    write.publishing();
    if (store.compareAndSet(headKey, expected, id.getBytes(StandardCharsets.UTF_8)).isEmpty()) {
      String theirs = store.get(headKey).map(b -> b.utf8().trim()).orElseThrow(() ->
          new ConflictException("Another writer deleted " + request.dataset() + "@"
              + request.head() + " while this view was committed; the view is stored as version "
              + id + " but no head points to it. Commit the view again"));
      throw new DatasetConflictException("Another writer moved " + request.dataset() + "@" + request.head()
          + " to " + theirs + " while this view was committed; the view is stored as version " + id
          + " but the head does not point to it. Commit the view again on the new head",
          VersionReader.toVersion(reader.load(request.dataset(), id)),
          VersionReader.toVersion(reader.load(request.dataset(), theirs)));
    }
    return VersionReader.toVersion(reader.load(request.dataset(), id));
  }

  private List<Manifest.Entry> files(VersionReader.Loaded base, List<String> columns, Optional<RowFilter> filter,
      ContentWrite write) {
    List<Manifest.Entry> files = new ArrayList<>();
    boolean anyTable = false;
    for (Manifest.Entry entry : base.manifest().files()) {
      if (entry.table().isEmpty()) {
        files.add(entry); // plain and external files are part of the view as they are: no copy
        continue;
      }
      anyTable = true;
      String label = "'" + entry.path() + "' in " + base.ref();
      Schema schema = VersionReader.schema(entry.table().get());
      List<String> kept = ViewTables.columns(columns, schema, label);
      filter.ifPresent(f -> BoundFilter.bind(f, schema, label)); // refused before anything is read
      try (BufferAllocator allocator = new RootAllocator();
          ArrowReader table = ViewTables.openView(store, reader, base, entry, kept, filter, allocator)) {
        files.add(TableWriter.describe(entry.path(), table, write));
      } catch (IOException e) {
        throw new MlOpsException("Cannot read " + label + " for the view: " + e.getMessage(), e);
      }
    }
    if (!anyTable) {
      throw new NotFoundException("Version " + base.ref() + " has no table, and a view projects and"
          + " filters tables", Remedy.COMMIT_TABLE);
    }
    return files;
  }

  private static String describe(Manifest.View view) {
    return "view of " + view.base()
        + (view.columns().isEmpty() ? "" : " columns " + String.join(",", view.columns()))
        + view.where().map(w -> " where " + w).orElse("");
  }
}
