package dev.mlops.core.internal.registry;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.Remedy;
import dev.mlops.api.dataset.DatasetRef;
import dev.mlops.api.dataset.DatasetStore;
import dev.mlops.api.registry.ChampionRule;
import dev.mlops.api.registry.GateData;
import dev.mlops.api.registry.GateSpec;
import dev.mlops.api.registry.GateVersion;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.validation.ChangeThreshold;
import dev.mlops.core.internal.registry.Docs.GateDoc;
import dev.mlops.core.internal.registry.Docs.LogEntry;
import dev.mlops.core.internal.validation.SuiteJson;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Protected aliases' gates as data. Each version is an immutable document
 * ({@code refs/models/<model>/gates/<alias>/<N>}, number claimed by putIfAbsent); a {@code gate}
 * entry in the model's history then makes it the alias's current gate, so the fold knows it and a
 * crash between the two leaves only a document nothing uses.
 */
final class StoredGates {
  private final ObjectStore store;
  private final ModelLogs logs;
  private final Clock clock;
  private final GateServices services;

  StoredGates(ObjectStore store, ModelLogs logs, Clock clock, GateServices services) {
    this.store = store;
    this.logs = logs;
    this.clock = clock;
    this.services = services;
  }

  GateVersion set(String model, String alias, GateSpec spec, String actor) {
    logs.requireModel(model);
    Reference.requireAlias(alias);
    requireNonNull(spec, "spec");
    requireNonNull(actor, "actor");
    if (spec.champion() == ChampionRule.NO_BASELINE
        && spec.suite().checks().stream().anyMatch(c -> c instanceof ChangeThreshold)) {
      throw new IllegalArgumentException("suite '" + spec.suite().name() + "' compares with a baseline"
          + " (notWorseThanBaseline), which a gate without a champion can never pass; use"
          + " ChampionRule.CHAMPION_IS_BASELINE or remove those checks");
    }
    GateData pinned = pin(spec.data());
    Optional<GateVersion> current = current(model, alias);
    if (current.isPresent() && current.get().spec().equals(new GateSpec(spec.suite(), pinned, spec.champion()))) {
      return current.get();
    }
    GateDoc doc = new GateDoc();
    doc.model = model;
    doc.alias = alias;
    doc.suite = suiteTree(spec);
    doc.dataset = pinned.dataset();
    doc.table = pinned.table();
    doc.label = pinned.label();
    doc.champion = spec.champion().name();
    doc.actor = actor;
    doc.createdAt = clock.instant().toString();
    doc.version = latest(model, alias) + 1;
    while (!store.putIfAbsent(RegistryKeys.gate(model, alias, doc.version), Docs.encode(doc))) {
      doc.version++;
    }
    logs.log(model).commit(state -> {
      LogEntry entry = logs.entry(LogEntry.GATE, actor, "gate " + doc.version + " for " + alias);
      entry.alias = alias;
      entry.gate = doc.version;
      return entry;
    });
    return toVersion(doc);
  }

  Optional<GateVersion> current(String model, String alias) {
    Reference.requireAlias(alias);
    Integer version = logs.state(model).gates.get(alias);
    return version == null ? Optional.empty() : Optional.of(read(model, alias, version));
  }

  GateVersion read(String model, String alias, int version) {
    logs.requireModel(model);
    Reference.requireAlias(alias);
    String key = RegistryKeys.gate(model, alias, version);
    byte[] bytes = store.get(key).orElseThrow(() -> new NotFoundException("Alias '" + alias + "' of model '" + model
        + "' has no gate version " + version, Remedy.SHOW_GATE)).bytes();
    return toVersion(Docs.gate(bytes, key));
  }

  private int latest(String model, String alias) {
    try (Stream<ObjectInfo> listing = store.list(RegistryKeys.gatesPrefix(model, alias))) {
      return listing.map(info -> RegistryKeys.versionOf(info.key())).max(Integer::compare).orElse(0);
    }
  }

  /** Pins the data to the version its reference names now, and checks that the table has the label column. */
  private GateData pin(GateData data) {
    DatasetStore datasets = services.datasets().get();
    DatasetRef ref = datasets.resolve(data.dataset()).ref();
    GateData pinned = new GateData(ref.dataset() + "@" + ref.versionId(), data.table(), data.label());
    GateDataReader.check(datasets, pinned);
    return pinned;
  }

  private static JsonNode suiteTree(GateSpec spec) {
    try {
      return Docs.JSON.readTree(SuiteJson.write(spec.suite()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a suite's JSON form always parses", e);
    }
  }

  static GateVersion toVersion(GateDoc doc) {
    GateSpec spec = new GateSpec(SuiteJson.read(doc.suite.toString(), Map.of()),
        new GateData(doc.dataset, doc.table, doc.label), ChampionRule.valueOf(doc.champion));
    return new GateVersion(doc.model, doc.alias, doc.version, spec, doc.actor, Instant.parse(doc.createdAt));
  }
}
