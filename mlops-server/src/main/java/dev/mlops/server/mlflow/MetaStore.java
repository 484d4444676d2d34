package dev.mlops.server.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What MLflow has and our model does not (experiment ids and lifecycle, deleted runs, removed
 * tags, logged dataset inputs, registered-model descriptions, stages): small JSON documents under
 * {@code mlflow/} in the same store, changed by compare-and-set so several servers on one store
 * agree. Nothing else in the SDK reads or collects this prefix.
 */
final class MetaStore {
  static final String PREFIX = "mlflow/";

  private final ObjectStore store;

  MetaStore(ObjectStore store) {
    this.store = store;
  }

  Optional<ObjectNode> read(String key) {
    return store.get(PREFIX + key).map(MetaStore::parse);
  }

  /** Creates a document; false if one exists already. */
  boolean create(String key, ObjectNode doc) {
    return store.compareAndSet(PREFIX + key, VersionToken.ABSENT, bytes(doc)).isPresent();
  }

  /** Changes a document (an empty one if absent) until no other writer raced the change. */
  ObjectNode update(String key, Consumer<ObjectNode> change) {
    while (true) {
      Optional<StoredBytes> current = store.get(PREFIX + key);
      ObjectNode doc = current.map(MetaStore::parse).orElseGet(Json::object);
      change.accept(doc);
      VersionToken token = current.map(StoredBytes::token).orElse(VersionToken.ABSENT);
      if (store.compareAndSet(PREFIX + key, token, bytes(doc)).isPresent()) {
        return doc;
      }
    }
  }

  void delete(String key) {
    store.delete(PREFIX + key);
  }

  /** Keys below a prefix, without {@code mlflow/} in front. */
  List<String> list(String prefix) {
    try (Stream<ObjectInfo> objects = store.list(PREFIX + prefix)) {
      return objects.map(info -> info.key().substring(PREFIX.length())).toList();
    }
  }

  private static ObjectNode parse(StoredBytes stored) {
    try {
      JsonNode node = Json.MAPPER.readTree(stored.bytes());
      return node instanceof ObjectNode object ? object : Json.object();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(ObjectNode doc) {
    try {
      return Json.MAPPER.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
