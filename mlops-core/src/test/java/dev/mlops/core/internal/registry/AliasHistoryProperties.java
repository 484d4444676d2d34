package dev.mlops.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever sequence of (multi-alias) moves is made, the aliases are what a plain map updated
 * with each step gives, every alias's history is its steps in order with {@code from} chaining
 * to the previous {@code to}, and {@code aliasAt} after each step answers that step's state.
 */
class AliasHistoryProperties {
  private static final List<String> ALIASES = List.of("champion", "challenger", "production");
  private static Path dir;
  private static RegistryFixture shared;

  @BeforeContainer
  static void registerModels() throws Exception {
    dir = Files.createTempDirectory("alias-props");
    shared = new RegistryFixture(InMemoryObjectStore.create(), dir);
    Files.writeString(dir.resolve("artifact.bin"), "weights");
  }

  @AfterContainer
  static void close() {
    shared.close();
  }

  @Provide
  Arbitrary<List<Map<String, Integer>>> steps() {
    Arbitrary<Map<String, Integer>> step = Arbitraries.maps(Arbitraries.of(ALIASES), Arbitraries.integers()
        .between(1, 3)).ofMinSize(1).ofMaxSize(3);
    return step.list().ofMinSize(1).ofMaxSize(12);
  }

  @Property(tries = 25)
  void historyAndAliasAtFollowThePlainModel(@ForAll("steps") List<Map<String, Integer>> steps) {
    // A fresh model per try with three versions (format OTHER: aliases do not care about the format).
    String model = "m" + System.nanoTime();
    for (int v = 1; v <= 3; v++) {
      shared.registry.register(dev.mlops.api.registry.ModelSpec.builder().model(model)
          .artifact(dir.resolve("artifact.bin"), dev.mlops.api.registry.ModelFormat.OTHER).build());
    }
    Map<String, Integer> expected = new TreeMap<>();
    Map<String, List<Integer>> expectedTargets = new HashMap<>();
    List<Instant> times = new ArrayList<>();
    List<Map<String, Integer>> states = new ArrayList<>();
    for (Map<String, Integer> step : steps) {
      shared.clock.advance(Duration.ofMinutes(1));
      shared.registry.moveAliases(model, step, "prop", "step");
      expected.putAll(step);
      step.forEach((alias, v) -> expectedTargets.computeIfAbsent(alias, a -> new ArrayList<>()).add(v));
      times.add(shared.clock.instant());
      states.add(new TreeMap<>(expected));
    }
    assertEquals(expected, new TreeMap<>(shared.registry.aliases(model)));
    for (String alias : ALIASES) {
      List<AliasMove> history = shared.registry.aliasHistory(model, alias);
      assertEquals(expectedTargets.getOrDefault(alias, List.of()),
          history.stream().map(m -> m.to().getAsInt()).toList());
      for (int i = 0; i < history.size(); i++) {
        assertEquals(i == 0 ? java.util.OptionalInt.empty() : history.get(i - 1).to(), history.get(i).from());
      }
      for (int i = 0; i < times.size(); i++) {
        Optional<Integer> then = shared.registry.aliasAt(model, alias, times.get(i)).map(ModelVersion::version);
        assertEquals(Optional.ofNullable(states.get(i).get(alias)), then);
      }
    }
  }
}
