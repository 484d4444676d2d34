package dev.mlops.core.internal.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.mlops.api.ConflictException;
import dev.mlops.api.IntegrityException;
import dev.mlops.api.Names;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.Remedy;
import dev.mlops.api.dataset.ColumnProfile;
import dev.mlops.api.dataset.DatasetFile;
import dev.mlops.api.dataset.DatasetRef;
import dev.mlops.api.dataset.DatasetVersion;
import dev.mlops.api.drift.ColumnType;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.core.input.Excerpt;
import dev.mlops.core.internal.content.ContentStore;
import dev.mlops.core.internal.content.Sha256;
import dev.mlops.core.internal.content.Subject;
import dev.mlops.core.internal.drift.profile.SketchProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads versions back: resolves references ({@code name}, {@code name@head}, {@code name@tag},
 * {@code name@<id prefix>}, each optionally followed by {@code ~N}), loads and verifies manifests.
 */
final class VersionReader {
  private static final Pattern REFERENCE = Pattern.compile("([^@~]+)(?:@([^@~]+))?(?:~(\\d{1,9}))?");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{4,64}");

  private final ObjectStore store;
  private final ContentStore content;

  VersionReader(ObjectStore store) {
    this.store = store;
    this.content = new ContentStore(store);
  }

  /** The content store over the same store, through which versions' objects are read and written. */
  ContentStore content() {
    return content;
  }

  /** A resolved version: its dataset, id and manifest. */
  record Loaded(String dataset, String id, Manifest manifest, Instant createdAt) {
    DatasetRef ref() {
      return new DatasetRef(dataset, id);
    }
  }

  Loaded resolve(String reference) {
    Matcher m = REFERENCE.matcher(reference.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("Invalid dataset reference '" + Excerpt.of(reference) + "': use"
          + " name, name@head, name@tag, name@<id prefix> or name@head~N");
    }
    String dataset = Names.requireValid("dataset", m.group(1));
    String at = m.group(2) != null ? m.group(2) : "main";
    String id = resolveId(dataset, at);
    Loaded loaded = load(dataset, id);
    int back = m.group(3) != null ? Integer.parseInt(m.group(3)) : 0;
    for (int i = 0; i < back; i++) {
      String parent = loaded.manifest().parent().orElseThrow(() -> new NotFoundException(
          "'" + Excerpt.of(reference) + "' goes back further than the first version of " + dataset));
      loaded = load(dataset, parent);
    }
    return loaded;
  }

  /** Resolves a head, a tag, or an id prefix, in that order. */
  private String resolveId(String dataset, String at) {
    if (Names.isValid(at)) {
      Optional<StoredBytes> head = store.get(DatasetKeys.head(dataset, at));
      if (head.isPresent()) {
        return DatasetKeys.versionId(DatasetKeys.head(dataset, at), head.get().bytes());
      }
      Optional<StoredBytes> tag = store.get(DatasetKeys.tag(dataset, at));
      if (tag.isPresent()) {
        return DatasetKeys.versionId(DatasetKeys.tag(dataset, at), tag.get().bytes());
      }
    }
    if (!HEX.matcher(at).matches()) {
      throw notFound(dataset, at);
    }
    List<String> matches;
    try (Stream<ObjectInfo> listed = store.list(DatasetKeys.versions(dataset) + at)) {
      matches = listed.map(info -> info.key().substring(info.key().lastIndexOf('/') + 1))
          .limit(10).toList();
    }
    if (matches.isEmpty()) {
      throw notFound(dataset, at);
    }
    if (matches.size() > 1) {
      throw new ConflictException("The id prefix '" + Excerpt.of(at) + "' of dataset " + dataset
          + " matches several versions (" + String.join(", ", matches) + "); give more characters");
    }
    return matches.get(0);
  }

  private NotFoundException notFound(String dataset, String at) {
    boolean exists;
    try (Stream<ObjectInfo> listed = store.list(DatasetKeys.ROOT + dataset + "/")) {
      exists = listed.findAny().isPresent();
    }
    if (!exists) {
      return new NotFoundException("No dataset named '" + dataset + "' in " + store.uri(),
          Remedy.LIST_DATASETS);
    }
    return new NotFoundException("Dataset " + dataset + " has no head, tag or version id '" + Excerpt.of(at)
        + "'", Remedy.LIST_DATASET_VERSIONS);
  }

  /**
   * Loads a view's base: by its manifest alone, since the view's manifest names it by id and keeps
   * it alive (see {@link DatasetGcRoots}) even if its dataset's refs are gone.
   */
  Loaded loadBase(String dataset, String id) {
    String key = DatasetKeys.version(dataset, id);
    Instant createdAt = store.get(key).map(r -> VersionRecord.decode(key, r.bytes()))
        .orElse(Instant.EPOCH);
    return new Loaded(dataset, id, manifest(id), createdAt);
  }

  Loaded load(String dataset, String id) {
    String key = DatasetKeys.version(dataset, id);
    Optional<StoredBytes> record = store.get(key);
    if (record.isEmpty()) {
      throw new NotFoundException("Dataset " + dataset + " has no version " + id);
    }
    return loaded(dataset, id, manifest(id), record.get());
  }

  /**
   * Loads a version whose manifest the caller has just read or written under that id (a commit),
   * so it is not read, verified and parsed a second time; only the version record is read.
   */
  Loaded load(String dataset, String id, Manifest manifest) {
    String key = DatasetKeys.version(dataset, id);
    StoredBytes record = store.get(key).orElseThrow(
        () -> new NotFoundException("Dataset " + dataset + " has no version " + id));
    return loaded(dataset, id, manifest, record);
  }

  private Loaded loaded(String dataset, String id, Manifest manifest, StoredBytes record) {
    String key = DatasetKeys.version(dataset, id);
    return new Loaded(dataset, id, withSketchQuantiles(manifest, dataset + "@" + id),
        VersionRecord.decode(key, record.bytes()));
  }

  /**
   * Fills in the quantiles a manifest leaves out (estimated ones, see {@link ColumnProfiler}) from
   * the tables' stored sketches; a table without stored (or with damaged) sketches keeps empty
   * quantiles: they are derived data and never block reading the version.
   */
  private Manifest withSketchQuantiles(Manifest manifest, String version) {
    if (manifest.files().stream().noneMatch(VersionReader::lacksQuantiles)) {
      return manifest;
    }
    List<Manifest.Entry> files = new java.util.ArrayList<>();
    for (Manifest.Entry e : manifest.files()) {
      if (!lacksQuantiles(e)) {
        files.add(e);
        continue;
      }
      Optional<SketchProfile> sketches = TableSketches.readIfIntact(store, e.arrowContent().sha256(),
          "'" + e.path() + "' in " + version, version, e.path());
      java.util.TreeMap<String, ColumnProfile> profiles = new java.util.TreeMap<>(e.table().get().profiles());
      for (var p : e.table().get().profiles().entrySet()) {
        ColumnProfile c = p.getValue();
        if (sketches.isPresent() && c.quantiles().isEmpty() && c.min().isPresent()
            && sketches.get().type(p.getKey()).orElse(null) == ColumnType.NUMERIC) {
          var numeric = sketches.get().numeric(p.getKey());
          java.util.TreeMap<Double, Double> ranked = new java.util.TreeMap<>();
          for (double rank : ColumnProfiler.RANKS) {
            ranked.put(rank, numeric.quantile(rank));
          }
          profiles.put(p.getKey(), new ColumnProfile(c.type(), c.count(), c.nulls(), c.nans(), c.min(),
              c.max(), c.mean(), c.std(), ranked, c.frequentItems()));
        }
      }
      Manifest.TableMeta t = e.table().get();
      files.add(new Manifest.Entry(e.path(), e.content(),
          Optional.of(t.withProfiles(profiles)), e.external()));
    }
    return manifest.withFiles(files);
  }

  private static boolean lacksQuantiles(Manifest.Entry e) {
    return e.table().isPresent() && e.table().get().profiles().values().stream()
        .anyMatch(c -> c.min().isPresent() && c.quantiles().isEmpty());
  }

  Manifest manifest(String id) {
    if (!Sha256.isHex(id)) {
      throw new IntegrityException("'" + id + "' is not a version id, so the ref that holds it is"
          + " damaged; 'mlops store verify' lists it");
    }
    byte[] bytes = content.read(id, ObjectStore.MAX_GET_SIZE,
        new Subject("the manifest of version " + id, "restore it from a replica"));
    return ManifestCodec.decode(bytes, "version " + id);
  }

  static DatasetVersion toVersion(Loaded loaded) {
    Manifest m = loaded.manifest();
    List<DatasetFile> files = m.files().stream().map(VersionReader::toFile).toList();
    List<DatasetRef> inputs = m.derivedFrom().stream().map(VersionReader::parseRef).toList();
    return new DatasetVersion(loaded.ref(), m.parent(), m.message(), m.author(), loaded.createdAt(),
        m.metadata(), files, inputs, m.transformation(), m.view().map(v -> new dev.mlops.api.dataset.DatasetView(
            parseRef(v.base()), v.columns(), v.where())));
  }

  static DatasetRef parseRef(String text) {
    int at = text.indexOf('@');
    return new DatasetRef(text.substring(0, at), text.substring(at + 1));
  }

  static DatasetFile toFile(Manifest.Entry e) {
    Optional<java.net.URI> external = e.external().map(java.net.URI::create);
    if (e.table().isEmpty()) {
      return new DatasetFile(e.path(), e.content().size(), e.content().sha256(), OptionalLong.empty(),
          Optional.empty(), java.util.Map.of(), external);
    }
    Manifest.TableMeta table = e.table().get();
    return new DatasetFile(e.path(), e.content().size(), e.content().sha256(),
        OptionalLong.of(table.rows()), Optional.of(schema(table)), table.profiles(), external);
  }

  static org.apache.arrow.vector.types.pojo.Schema schema(Manifest.TableMeta table) {
    try {
      return org.apache.arrow.vector.types.pojo.Schema.fromJSON(table.schemaJson());
    } catch (java.io.IOException e) {
      throw new IntegrityException("A stored table schema is unreadable: " + e.getMessage(), e);
    }
  }

  /** The version record: when the version was first committed. */
  static final class VersionRecord {
    private static final JsonFactory JSON = JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private VersionRecord() {}

    static byte[] encode(Instant createdAt) {
      return ("{\"createdAt\":\"" + createdAt + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads the record with a streaming parser, as strictly as
     * {@link dev.mlops.core.internal.json.StrictJson} would: one
     * object, exactly the field {@code createdAt}, a string that parses as an instant, nothing
     * after it. Every commit reads one; setting up an {@code ObjectMapper} for it cost a
     * short command (an unchanged re-commit) about a tenth of its time.
     */
    static Instant decode(String key, byte[] bytes) {
      try (JsonParser json = JSON.createParser(bytes)) {
        require(json.nextToken() == JsonToken.START_OBJECT, "not a JSON object");
        Instant createdAt = null;
        for (JsonToken token = json.nextToken(); token != JsonToken.END_OBJECT; token = json.nextToken()) {
          String name = json.currentName();
          require("createdAt".equals(name) && createdAt == null, key + ": unknown field '"
              + Excerpt.of(String.valueOf(name)) + "'; known fields: [createdAt]");
          require(json.nextToken() == JsonToken.VALUE_STRING, key + ": field 'createdAt' must be a string");
          createdAt = parseInstant(key, json.getText());
        }
        require(createdAt != null, key + ": field 'createdAt' is required");
        require(json.nextToken() == null, "trailing content after the object");
        return createdAt;
      } catch (IllegalArgumentException | IOException e) {
        throw new IntegrityException("Dataset version record '" + key + "' is damaged ("
            + e.getMessage() + "); restore it from a backup", e);
      }
    }

    private static Instant parseInstant(String key, String text) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(key + ": field 'createdAt' must be an instant such as"
            + " 2024-05-01T10:00:00Z, got '" + Excerpt.of(text) + "'");
      }
    }

    private static void require(boolean condition, String problem) {
      if (!condition) {
        throw new IllegalArgumentException(problem);
      }
    }
  }
}
