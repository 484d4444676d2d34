package dev.mlops.core.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.IntegrityException;
import dev.mlops.core.MlOps;
import dev.mlops.core.documents.EveryDocument.Kind;
import dev.mlops.core.internal.storage.DocumentSeal;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every codec of the SDK's own documents is strict: a misspelt or unknown field, a missing one, a
 * value of the wrong type or one that does not parse is an {@link IntegrityException}, never a
 * default. Checked on documents written before seals (where only the codec can tell) and on sealed
 * documents whose seal is intact (a writer's bug): both the public read and {@code store verify}
 * refuse them.
 */
class StrictDocumentsTest {
  private static InMemoryObjectStore store;
  private static EveryDocument docs;

  @BeforeAll
  static void writeEveryDocument() throws IOException {
    store = InMemoryObjectStore.create();
    docs = EveryDocument.write(store, Files.createTempDirectory("strict-documents"));
  }

  @AfterAll
  static void close() {
    store.close();
  }

  static Stream<Arguments> damage() {
    return Stream.of(
        // the fault found by the campaign: "active" -> "actIve" read back as active=false
        Arguments.of("retrain request", "\"active\"", "\"actIve\""),
        Arguments.of("retrain request", "\"executed\" : false", "\"executed\" : \"false\""),
        Arguments.of("retrain request", "\"status\" : \"PENDING\"", "\"status\" : \"PENDINg\""),
        Arguments.of("retrain decision", "  \"fired\" : true,\n", ""),
        Arguments.of("retrain decision", "\"consecutive\" : 0", "\"consecutive\" : 0.5"),
        Arguments.of("pipeline run", "\"completed\"", "\"complete\""),
        Arguments.of("pipeline run", "\"attempts\" : 1", "\"attempts\" : \"1\""),
        Arguments.of("run document", "\"status\"", "\"Status\""),
        Arguments.of("run document", "\"loss\" : \"0.5\"", "\"loss\" : \"0.5x\""),
        Arguments.of("run document", "\"heartbeatTimeoutMillis\" : 30000,", ""),
        Arguments.of("model version", "\"format\":\"OTHER\"", "\"format\":\"OTHEr\""),
        Arguments.of("model version", "\"size\":7}", "\"size\":\"7\"}"),
        Arguments.of("model version", "\"version\":1", "\"version\":1,\"versoin\":1"),
        Arguments.of("model history entry", "\"kind\":\"move\"", "\"kind\":\"mOve\""),
        Arguments.of("validation link", "\"passed\":true", "\"passed\":1"),
        Arguments.of("dataset version record", "\"createdAt\"", "\"createdAT\""),
        Arguments.of("drift profile ref", "objects/sha256/", "objects/sha257/"));
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @MethodSource("damage")
  @DisplayName("a damaged field is an integrity error, written before seals or under an intact seal")
  void aDamagedFieldIsAnIntegrityError(String kindName, String from, String to) {
    Kind kind = docs.kinds.stream().filter(k -> k.name().equals(kindName)).findFirst().orElseThrow();
    byte[] original = store.get(kind.key()).orElseThrow().bytes();
    String body = new String(DocumentSeal.unseal(kind.key(), original), StandardCharsets.UTF_8);
    assertTrue(body.contains(from), body);
    byte[] damaged = body.replaceFirst(java.util.regex.Pattern.quote(from), to)
        .getBytes(StandardCharsets.UTF_8);
    try {
      for (byte[] stored : List.of(damaged, DocumentSeal.seal(damaged))) {
        replace(kind.key(), stored);
        try (MlOps mlops = MlOps.builder().store(store).build()) {
          assertThrows(IntegrityException.class, () -> kind.read().accept(mlops));
          assertEquals(List.of(kind.key()), mlops.inspector().verify().corrupt());
        }
      }
    } finally {
      replace(kind.key(), original);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unparsedByReaders")
  @DisplayName("documents that readers only test for are checked by store verify")
  void verifyChecksWhatReadersDoNotParse(String kindName, String damagedBody) {
    Kind kind = docs.kinds.stream().filter(k -> k.name().equals(kindName)).findFirst().orElseThrow();
    byte[] original = store.get(kind.key()).orElseThrow().bytes();
    try {
      for (byte[] stored : List.of(damagedBody.getBytes(StandardCharsets.UTF_8),
          DocumentSeal.seal(damagedBody.getBytes(StandardCharsets.UTF_8)))) {
        replace(kind.key(), stored);
        try (MlOps mlops = MlOps.builder().store(store).build()) {
          assertEquals(List.of(kind.key()), mlops.inspector().verify().corrupt());
        }
      }
    } finally {
      replace(kind.key(), original);
    }
  }

  static Stream<Arguments> unparsedByReaders() {
    return Stream.of(Arguments.of("heartbeat", "17964112x4210"),
        Arguments.of("experiment marker", "x"),
        Arguments.of("dataset head", "99e1a200cd94becb6d1016e09b27b76cde4135f6a5b3f28cf1536f80455"),
        Arguments.of("validation report marker", "{\"report\":\"" + "a".repeat(64)
            + "\",\"suite\":\"smoke\",\"passed\":true,\"createdAt\":\"2026-03-01T00:00:00Z\"}"),
        Arguments.of("collector state", "{\"phase\":\"idle\",\"holder\":\"h\"}"));
  }

  @org.junit.jupiter.api.Test
  @DisplayName("documents written before seals read as before and verify counts them as unsealed")
  void documentsFromBeforeSealsStayReadable() {
    List<byte[]> originals = docs.kinds.stream().map(k -> store.get(k.key()).orElseThrow().bytes())
        .toList();
    try {
      for (Kind kind : docs.kinds) {
        replace(kind.key(), DocumentSeal.unseal(kind.key(), store.get(kind.key()).orElseThrow().bytes()));
      }
      try (MlOps mlops = MlOps.builder().store(store).build()) {
        // An experiment marker was empty before seals; nothing reads it but verify, which knows.
        docs.kinds.stream().filter(kind -> !kind.name().equals("experiment marker"))
            .forEach(kind -> kind.read().accept(mlops));
        var report = mlops.inspector().verify();
        assertTrue(report.ok(), report.toString());
        assertEquals(docs.kinds.size(), report.unsealed(), "the empty experiment marker too");
        assertNotEquals(0, report.objects());
      }
    } finally {
      for (int i = 0; i < originals.size(); i++) {
        replace(docs.kinds.get(i).key(), originals.get(i));
      }
    }
    try (MlOps mlops = MlOps.builder().store(store).build()) {
      assertEquals(0, mlops.inspector().verify().unsealed());
      assertFalse(mlops.inspector().verify().corrupt().iterator().hasNext());
    }
  }

  private static void replace(String key, byte[] bytes) {
    store.delete(key);
    store.putIfAbsent(key, bytes);
  }
}
