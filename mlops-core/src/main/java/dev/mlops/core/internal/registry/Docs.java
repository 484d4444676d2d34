package dev.mlops.core.internal.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.IntegrityException;
import dev.mlops.api.InvalidNameException;
import dev.mlops.api.Names;
import dev.mlops.api.registry.AliasPolicy;
import dev.mlops.api.registry.ChampionRule;
import dev.mlops.api.registry.GateData;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.core.internal.json.StrictJson;
import dev.mlops.core.internal.validation.SuiteJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The JSON documents the registry stores, as plain field holders, and their codec. */
final class Docs {
  static final ObjectMapper JSON = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private Docs() {}

  static byte[] encode(Object doc) {
    try {
      return JSON.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a registry document strictly: unknown, missing or mistyped fields and values that do
   * not parse are damage, never defaults.
   */
  static <T> T decode(byte[] bytes, Class<T> type, String key) {
    try {
      T doc = StrictJson.read(bytes, type);
      if (doc instanceof Checked checked) {
        checked.check();
      }
      return doc;
    } catch (IllegalArgumentException | DateTimeException | InvalidNameException e) {
      throw new IntegrityException("Registry document '" + key + "' is damaged (" + e.getMessage()
          + "); restore it from a backup or a copy of the store, then run `mlops store verify`", e);
    }
  }

  /** Reads the version document under {@code key}, which must name that model and version. */
  static VersionDoc version(byte[] bytes, String key) {
    VersionDoc doc = decode(bytes, VersionDoc.class, key);
    if (!key.equals(RegistryKeys.version(doc.model, doc.version))) {
      throw new IntegrityException("Registry document '" + key + "' is damaged: it describes "
          + doc.model + " version " + doc.version + "; restore it from a backup");
    }
    return doc;
  }

  /**
   * Tells the seal a rename leaves in a model's next free version slot ({@link SealDoc}) from a
   * version document, without reading either strictly.
   */
  static boolean isSeal(byte[] bytes) {
    try {
      return StrictJson.tree(bytes).has("movedTo");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Reads the seal under {@code key}, which must be the version slot it names. */
  static SealDoc seal(byte[] bytes, String key) {
    SealDoc doc = decode(bytes, SealDoc.class, key);
    if (!key.equals(RegistryKeys.version(doc.model, doc.version))) {
      throw new IntegrityException("Registry document '" + key + "' is damaged: it seals "
          + doc.model + " version " + doc.version + "; restore it from a backup");
    }
    return doc;
  }

  /** Reads the history entry under {@code key}, whose sequence number must be its key's. */
  static LogEntry logEntry(byte[] bytes, String key) {
    LogEntry entry = decode(bytes, LogEntry.class, key);
    if (!key.endsWith("/" + String.format("%010d", entry.seq))) {
      throw new IntegrityException("Registry document '" + key + "' is damaged: it says it is"
          + " entry " + entry.seq + "; restore it from a backup");
    }
    return entry;
  }

  /** A document with rules beyond its JSON shape. */
  interface Checked {
    /** Throws {@link IllegalArgumentException} (or a date-time error) if a rule is broken. */
    void check();
  }

  /** A registered version: metadata and where its artifact's bytes are. */
  static final class VersionDoc implements Checked {
    public String model;
    public int version;
    public String format;
    /** The signature, for formats that have one (both or neither). */
    public @Nullable List<TensorDoc> inputs;
    public @Nullable List<TensorDoc> outputs;
    public @Nullable String runId;
    public List<String> datasets = new ArrayList<>();
    public @Nullable String codeVersion;
    public Map<String, Double> metrics = new LinkedHashMap<>();
    public Map<String, String> tags = new LinkedHashMap<>();
    public String description = "";
    public String createdAt;
    /** {@code file} or {@code directory}. */
    public String kind;
    public List<FileDoc> files = new ArrayList<>();
    public long size;
    /** Set on the copies a rename makes: the model's name before (absent on versions registered here). */
    public @Nullable String renamedFrom;

    @Override
    public void check() {
      ModelFormat.valueOf(format);
      Instant.parse(createdAt);
      if (version < 1 || (inputs == null) != (outputs == null)
          || !Set.of("file", "directory").contains(kind)) {
        throw new IllegalArgumentException("its version, signature, files or kind are not valid");
      }
      for (String dataset : datasets) {
        if (dataset.lastIndexOf('@') <= 0) {
          throw new IllegalArgumentException("dataset '" + dataset + "' is not name@version");
        }
      }
      long total = 0;
      for (FileDoc file : files) {
        if (!file.sha256.matches("[0-9a-f]{64}") || file.size < 0) {
          throw new IllegalArgumentException("file '" + file.path + "' has no valid hash and size");
        }
        total += file.size;
      }
      if (total != size) {
        throw new IllegalArgumentException("its size " + size + " is not its files' " + total);
      }
      if (renamedFrom != null) {
        Names.requireValid("model", renamedFrom);
      }
    }
  }

  /**
   * What a rename puts in the first free version slot of the model it renames: no version can be
   * registered under the old name after it, so the versions before it are exactly those that move.
   */
  static final class SealDoc implements Checked {
    public String model;
    public int version;
    /** The model's new name. */
    public String movedTo;

    SealDoc() {}

    SealDoc(String model, int version, String movedTo) {
      this.model = model;
      this.version = version;
      this.movedTo = movedTo;
    }

    @Override
    public void check() {
      Names.requireValid("model", movedTo);
      if (version < 1) {
        throw new IllegalArgumentException("version " + version + " is not positive");
      }
    }
  }

  /** One file of an artifact: its path within the artifact ({@code ""} for a single file). */
  static final class FileDoc {
    public String path;
    public String sha256;
    public long size;
  }

  /** One tensor of a signature. */
  static final class TensorDoc {
    public String name;
    public String type;
    public List<Long> shape = new ArrayList<>();
  }

  /** One entry of a model's history; which fields are set depends on {@link #kind}. */
  static final class LogEntry implements Checked {
    static final String MOVE = "move";
    static final String PROTECT = "protect";
    static final String REQUEST = "request";
    static final String APPROVE = "approve";
    static final String REJECT = "reject";
    static final String GATE = "gate";
    /** The model is renamed to {@link #renamedTo}: the old name's last entry once the rename completes. */
    static final String RENAME = "rename";
    /** The rename before it could not take its new name (taken meanwhile); the model keeps its name. */
    static final String RENAME_ABORTED = "rename-aborted";
    /** The new name's entry after the copied history: the rename from {@link #renamedFrom} is complete. */
    static final String ARRIVE = "arrive";

    public long seq;
    public String kind;
    public String at;
    public String actor;
    public String reason = "";
    /** The alias moves this entry makes, all at once; empty when it moves nothing. */
    public List<MoveDoc> moves = new ArrayList<>();
    /** PROTECT, REQUEST and GATE: the alias concerned. */
    public @Nullable String alias;
    /** REQUEST: the candidate version. */
    public @Nullable Integer version;
    /** PROTECT: the policy. */
    public @Nullable Boolean requireGate;
    public @Nullable Integer approvals;
    public @Nullable Long expirySeconds;
    /** APPROVE and REJECT: the request decided on. */
    public @Nullable String requestId;
    /** REQUEST: when it expires. */
    public @Nullable String expiresAt;
    /** GATE: the alias's gate version from now on; REQUEST: the stored gate version that passed. */
    public @Nullable Integer gate;
    /** REQUEST: what the gates said (absent when none was asked). */
    public @Nullable List<String> gateReasons;
    /** RENAME: the new name. */
    public @Nullable String renamedTo;
    /** ARRIVE: the old name. */
    public @Nullable String renamedFrom;

    /** The fields each kind needs are there; a kind this version does not know is damage. */
    @Override
    public void check() {
      Instant.parse(at);
      boolean complete = switch (kind) {
        case MOVE -> true;
        case PROTECT -> alias != null && requireGate != null && approvals != null
            && expirySeconds != null;
        case REQUEST -> alias != null && version != null && expiresAt != null;
        case APPROVE, REJECT -> requestId != null;
        case GATE -> alias != null && gate != null;
        case RENAME -> renamedTo != null && Names.requireValid("model", renamedTo) != null;
        case RENAME_ABORTED -> true;
        case ARRIVE -> renamedFrom != null && Names.requireValid("model", renamedFrom) != null;
        default -> throw new IllegalArgumentException("unknown kind '" + kind + "'");
      };
      if (!complete) {
        throw new IllegalArgumentException("a '" + kind + "' entry lacks a field it needs");
      }
      if (expiresAt != null) {
        Instant.parse(expiresAt);
      }
      if (kind.equals(PROTECT)) {
        new AliasPolicy(requireGate, approvals, Duration.ofSeconds(expirySeconds));
      }
      if (alias != null) {
        Names.requireValid("alias", alias);
      }
      if (gate != null && gate < 1) {
        throw new IllegalArgumentException("gate version " + gate + " is not positive");
      }
      for (MoveDoc move : moves) {
        Names.requireValid("alias", move.alias);
      }
    }
  }

  /**
   * One version of an alias's stored gate, immutable: the suite in its JSON form, the data pinned to
   * a dataset version id, and the champion rule.
   */
  static final class GateDoc implements Checked {
    public String model;
    public String alias;
    public int version;
    public JsonNode suite;
    /** {@code name@<version id>}. */
    public String dataset;
    public String table;
    public String label;
    public String champion;
    public String actor;
    public String createdAt;

    @Override
    public void check() {
      Instant.parse(createdAt);
      ChampionRule.valueOf(champion);
      Names.requireValid("model", model);
      Names.requireValid("alias", alias);
      new GateData(dataset, table, label);
      if (!dataset.substring(dataset.indexOf('@') + 1).matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("dataset '" + dataset + "' is not pinned to a version id");
      }
      if (version < 1 || !suite.isObject()) {
        throw new IllegalArgumentException("its version or suite is not valid");
      }
      SuiteJson.read(suite.toString(), Map.of());
    }
  }

  /** Reads the gate document under {@code key}, which must name that model, alias and version. */
  static GateDoc gate(byte[] bytes, String key) {
    GateDoc doc = decode(bytes, GateDoc.class, key);
    if (!key.equals(RegistryKeys.gate(doc.model, doc.alias, doc.version))) {
      throw new IntegrityException("Registry document '" + key + "' is damaged: it describes gate "
          + doc.version + " of " + doc.model + "@" + doc.alias + "; restore it from a backup");
    }
    return doc;
  }

  /** One alias moved by an entry. */
  static final class MoveDoc {
    public String alias;
    /** Empty when the alias is new. */
    public @Nullable Integer from;
    /** Empty when the alias is removed. */
    public @Nullable Integer to;

    MoveDoc() {}

    MoveDoc(String alias, @Nullable Integer from, @Nullable Integer to) {
      this.alias = alias;
      this.from = from;
      this.to = to;
    }
  }
}
