package dev.mlops.spring.boot.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.api.experiment.RunStatus;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.Tensor;
import dev.mlops.core.MlOps;
import dev.mlops.storage.fs.FileSystemObjectStore;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** Readiness while models load, what closing the context closes, and the host's own beans. */
@DisplayName("the starter's lifecycle")
class ReadinessAndLifecycleTest {
  @TempDir Path dir;

  /** The host's own store, gated so the test can watch the model load. */
  static GatedStore gated;
  /** The host's own MlOps. */
  static MlOps hostMlOps;

  @SpringBootConfiguration
  static class HostStore {
    @Bean
    GatedStore hostObjectStore() {
      return gated;
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class HostMlOps {
    @Bean
    MlOps hostMlOps() {
      return hostMlOps;
    }
  }

  @Test
  @DisplayName("readiness is OUT_OF_SERVICE while a declared model loads and UP after; health is DOWN while the store does not answer; closing the context closes the MlOps and its pool")
  void readinessWaitsForModelsAndCloseClosesEverything() throws Exception {
    Path store = TestStore.write(dir);
    // Other tests' cached contexts may hold idle mlops threads of their own: those are left out.
    Set<Thread> before = mlopsThreads();
    gated = new GatedStore(FileSystemObjectStore.open(store));
    CompletableFuture<Integer> port = new CompletableFuture<>();
    SpringApplicationBuilder app = new SpringApplicationBuilder(TestApp.class, HostStore.class)
        .properties("server.port=0", "mlops.store=nope://the-host-store-wins", "mlops.executor-threads=2",
            "mlops.alias-poll-period=1ms", // so the prediction below starts an alias poll on the pool
            "mlops.models.churn.ref=churn@production", "management.endpoint.health.probes.enabled=true",
            "management.endpoint.health.show-details=always", "spring.main.banner-mode=off")
        .listeners((ApplicationListener<WebServerInitializedEvent>) e -> port.complete(e.getWebServer().getPort()));
    CompletableFuture<ConfigurableApplicationContext> started = CompletableFuture.supplyAsync(app::run);
    try {
      int p = port.get(60, TimeUnit.SECONDS);
      assertTrue(gated.waiting.await(60, TimeUnit.SECONDS), "the model's artifact is being read");
      Http.Answer loading = Http.await("an answer from the server", () -> Http.tryGet(p, "/actuator/health/readiness"),
          answer -> answer.isPresent()).orElseThrow();
      assertEquals(503, loading.status(), loading.toString());
      assertEquals("OUT_OF_SERVICE", loading.body().path("status").asText(), loading.toString());
      Http.Answer health = Http.get(p, "/actuator/health/mlops");
      assertEquals("LOADING", health.body().path("details").path("models").path("churn").path("state").asText(),
          health.toString());

      gated.gate.countDown();
      Http.Answer ready = Http.await("readiness UP", () -> Http.get(p, "/actuator/health/readiness"),
          answer -> answer.status() == 200);
      assertEquals("UP", ready.body().path("status").asText());
      assertEquals(1, Http.get(p, "/predict?tenure=1&spend=2").body().path("version").asInt());

      gated.unreachable = true;
      Http.Answer down = Http.get(p, "/actuator/health/mlops");
      assertEquals(503, down.status(), down.toString());
      assertEquals("DOWN", down.body().path("status").asText(), down.toString());
      assertFalse(down.body().path("details").path("storeReachable").asBoolean(), down.toString());
      gated.unreachable = false;
    } finally {
      gated.gate.countDown();
    }

    ConfigurableApplicationContext context = started.get(60, TimeUnit.SECONDS);
    MlOps mlops = context.getBean(MlOps.class);
    // The host's ObjectStore bean, not mlops.store (nope://): the gate above was passed by its reads.
    assertEquals(gated.uri(), mlops.store().uri());
    ModelHandle churn = context.getBean("mlops.models.churn", ModelHandle.class);
    MlOpsWorkers workers = context.getBean(MlOpsWorkers.class);
    Set<Thread> ours = mlopsThreads();
    ours.removeAll(before);
    assertFalse(ours.isEmpty(), "the application ran work on mlops threads (the alias poll)");
    // A run left open holds a pool thread until MlOps.close() ends it, so the pool must stop after
    // the MlOps: the context knows the MlOps bean depends on the pool.
    Run run = mlops.experiments().start(RunSpec.builder().experiment("service").build());
    run.log("requests", 1);
    assertTrue(Set.of(context.getBeanFactory().getDependentBeans("mlOpsWorkers")).contains("mlOps"),
        "the pool is stopped after the MlOps that runs on it");
    assertTrue(Set.of(context.getBeanFactory().getDependentBeans("hostObjectStore")).contains("mlOps"),
        "the host's store is closed after the MlOps that writes to it");
    context.close();
    assertThrows(IllegalStateException.class, mlops::store, "the MlOps bean is closed");
    assertThrows(IllegalStateException.class, () -> churn.predict(Tensor.ofFloats(new float[][] {{1, 2}})),
        "the served handle is closed");
    assertTrue(workers.executor().isTerminated(), "the mlops.executor-threads pool ended with its threads");
    Set<Thread> left = mlopsThreads();
    left.removeAll(before);
    assertEquals(Set.of(), left, "no thread of this application's MlOps is left running");
    try (MlOps after = TestStore.open(store)) {
      assertEquals(RunStatus.FINISHED, after.experiments().run(run.id()).orElseThrow().status(),
          "closing the context flushed and ended the open run");
    }
  }

  /** The live threads the SDK and the starter name (mlops-worker-N, mlops-segment-io-..., mlops-clock). */
  private static Set<Thread> mlopsThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith("mlops-"))
        .collect(Collectors.toCollection(HashSet::new));
  }

  @Test
  @DisplayName("a host's MlOps bean is the one used: mlops.store is not even opened")
  void hostMlOpsWins() {
    Path store = TestStore.write(dir);
    hostMlOps = TestStore.open(store);
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HostMlOps.class)
        .web(WebApplicationType.NONE)
        .properties("mlops.store=nope://never-opened", "mlops.models.churn.ref=churn@production",
            "spring.main.banner-mode=off")
        .run()) {
      assertEquals(1, context.getBeansOfType(MlOps.class).size());
      assertSame(hostMlOps, context.getBean(MlOps.class));
      assertEquals(1, context.getBean("mlops.models.churn", ModelHandle.class).version().version(),
          "served from the host's MlOps");
    }
    assertThrows(IllegalStateException.class, hostMlOps::store, "the host's bean, closed as the host declared it");
  }
}
