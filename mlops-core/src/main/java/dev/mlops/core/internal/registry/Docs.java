package dev.mlops.core.internal.registry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.mlops.api.IntegrityException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON documents the registry stores, as plain field holders, and their codec. */
final class Docs {
  static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private Docs() {}

  static byte[] encode(Object doc) {
    try {
      return JSON.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T> T decode(byte[] bytes, Class<T> type, String key) {
    try {
      return JSON.readValue(bytes, type);
    } catch (IOException e) {
      throw new IntegrityException("Registry object '" + key + "' is not valid JSON (" + e.getMessage()
          + "); restore it from a replica, then run `mlops store verify`", e);
    }
  }

  /**
   * The failure to read a registry document that parsed as JSON but holds a missing or invalid
   * field (a damaged date, a null name); the SDK's own exceptions pass through unchanged.
   */
  static RuntimeException damaged(String key, RuntimeException e) {
    if (e instanceof dev.mlops.api.MlOpsException) {
      return e;
    }
    return new IntegrityException("Registry object '" + key + "' is damaged (a missing or invalid field: "
        + dev.mlops.core.internal.Excerpt.of(String.valueOf(e.getMessage())) + "); restore it from a replica,"
        + " then run `mlops store verify`", e);
  }

  /** A registered version: metadata and where its artifact's bytes are. */
  static final class VersionDoc {
    public String model;
    public int version;
    public String format;
    public List<TensorDoc> inputs;
    public List<TensorDoc> outputs;
    public String runId;
    public List<String> datasets = new ArrayList<>();
    public String codeVersion;
    public Map<String, Double> metrics = new LinkedHashMap<>();
    public Map<String, String> tags = new LinkedHashMap<>();
    public String description = "";
    public String createdAt;
    /** {@code file} or {@code directory}. */
    public String kind;
    public List<FileDoc> files = new ArrayList<>();
    public long size;
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
  static final class LogEntry {
    static final String MOVE = "move";
    static final String PROTECT = "protect";
    static final String REQUEST = "request";
    static final String APPROVE = "approve";
    static final String REJECT = "reject";

    public long seq;
    public String kind;
    public String at;
    public String actor;
    public String reason = "";
    /** The alias moves this entry makes, all at once; empty when it moves nothing. */
    public List<MoveDoc> moves = new ArrayList<>();
    /** PROTECT and REQUEST: the alias concerned. */
    public String alias;
    /** REQUEST: the candidate version. */
    public Integer version;
    /** PROTECT: the policy. */
    public Boolean requireGate;
    public Integer approvals;
    public Long expirySeconds;
    /** APPROVE and REJECT: the request decided on. */
    public String requestId;
    /** REQUEST: when it expires. */
    public String expiresAt;
  }

  /** One alias moved by an entry. */
  static final class MoveDoc {
    public String alias;
    public Integer from;
    public Integer to;

    MoveDoc() {}

    MoveDoc(String alias, Integer from, Integer to) {
      this.alias = alias;
      this.from = from;
      this.to = to;
    }
  }
}
