package dev.mlops.core;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftMonitor;
import dev.mlops.api.drift.DriftMonitorConfig;
import dev.mlops.api.drift.Sample;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.Tensor;
import dev.mlops.core.testing.OnnxTestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A separate JVM for {@link MlOpsThreadsTest}, so no other test's threads are in the way.
 * {@code <dir> own|host}: uses every concern that starts threads on an MlOps with its own executor
 * (or the host's), prints {@code SEEN <name>} for each {@code mlops-} thread alive before close,
 * closes, and prints {@code LEFT <name>} for each one alive right after, then {@code DONE}.
 */
public final class ThreadsChild {
  private ThreadsChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    boolean host = args[1].equals("host");
    ExecutorService hostExecutor = host ? Executors.newFixedThreadPool(16) : null;
    MlOps.Builder builder = MlOps.builder().uri(dir.resolve("store").toUri());
    if (hostExecutor != null) {
      builder.executor(hostExecutor);
    }
    try {
      use(builder.build(), dir);
    } finally {
      if (hostExecutor != null) {
        hostExecutor.shutdownNow(); // the host's threads are the host's
      }
    }
    System.out.println("DONE");
  }

  private static void use(MlOps mlops, Path dir) throws Exception {

    Path data = Files.createDirectories(dir.resolve("data"));
    for (int i = 0; i < 12; i++) {
      Files.writeString(data.resolve("f" + i + ".txt"), "file " + i);
    }
    mlops.datasets().commit(CommitRequest.builder().dataset("d").add("data", data).build());

    Run run = mlops.experiments().start(RunSpec.builder().experiment("e")
        .systemMetrics(Duration.ofMillis(100)).build());
    for (int i = 0; i < 10_000; i++) {
      run.log("x", i, i);
    }
    run.flush(); // the run stays open: close() must end it

    Random random = new Random(1);
    double[] a = random.doubles(500).toArray();
    double[] b = random.doubles(500).toArray();
    Sample reference = Sample.builder().numeric("a", a).numeric("b", b).build();
    mlops.drift().compare(reference, Sample.builder().numeric("a", b).numeric("b", a).build(),
        DriftConfig.ofDefaults());
    DriftMonitor monitor = mlops.drift().monitor(DriftMonitorConfig.builder().name("m")
        .reference(mlops.drift().profile(reference)).columns(List.of("a", "b")).windowSize(100)
        .build());
    for (int i = 0; i < 1_000; i++) {
      monitor.observe(new double[] {a[i % 500], b[i % 500]});
    }

    float[][] weights = {{1f, -1f}, {0.5f, 0.5f}};
    Path model = OnnxTestModels.write(OnnxTestModels.logisticRegression(weights, new float[] {0f, 0f}),
        dir.resolve("m.onnx"));
    mlops.models().register(ModelSpec.builder().model("m").artifact(model, ModelFormat.ONNX).build());
    mlops.models().moveAliases("m", Map.of("live", 1), "tester", "test");
    ModelHandle handle = mlops.models().load("m@live");
    handle.predict(Tensor.ofFloats(new float[][] {{1f, 2f}}));

    for (String name : ours()) {
      System.out.println("SEEN " + name);
    }
    mlops.close();
    for (String name : ours()) {
      System.out.println("LEFT " + name);
    }
  }

  private static TreeSet<String> ours() {
    TreeSet<String> names = new TreeSet<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.isAlive() && thread.getName().startsWith("mlops-")) {
        names.add(thread.getName());
      }
    }
    return names;
  }
}
