package dev.mlops.core.testing;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.core.MlOps;
import dev.mlops.core.internal.content.Sha256;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A child JVM of {@link GcRace}: {@code <store uri> <stop file> <work dir> <writer>...} runs one
 * thread per writer name until the stop file exists. Each thread, at random, commits two pool
 * files to a new head of its dataset, logs a run with a pool file and a pool model as artifacts,
 * registers a pool model, or saves a pool profile; it prints every acknowledged write as
 * {@code ACK <kind> <what> <content> stored=<k>} (k: how many of its objects were already stored
 * when it began) and keeps only its last two heads and runs: before deleting an older one it
 * prints {@code DROP <kind> <what>}. Any failure ends the JVM with exit code 1.
 */
public final class ChurnWriter {
  private final MlOps mlops;
  private final String name;
  private final Path work;
  private final Random random;
  private final Deque<String> heads = new ArrayDeque<>();
  private final Deque<String> runs = new ArrayDeque<>();
  private final Map<Integer, byte[]> profiles;
  private int writes;

  private ChurnWriter(MlOps mlops, String name, Path work, Map<Integer, byte[]> profiles) {
    this.mlops = mlops;
    this.name = name;
    this.work = work;
    this.random = new Random(name.hashCode());
    this.profiles = profiles;
  }

  public static void main(String[] args) throws Exception {
    Path stop = Path.of(args[1]);
    Path work = Path.of(args[2]);
    Map<Integer, byte[]> profiles = new ConcurrentHashMap<>();
    try (MlOps mlops = MlOps.open(URI.create(args[0]))) {
      Thread[] threads = new Thread[args.length - 3];
      for (int t = 0; t < threads.length; t++) {
        ChurnWriter writer = new ChurnWriter(mlops, args[3 + t], work, profiles);
        threads[t] = new Thread(() -> {
          try {
            while (!Files.exists(stop)) {
              writer.writeOnce();
            }
          } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
          }
        });
        threads[t].start();
      }
      for (Thread thread : threads) {
        thread.join();
      }
    }
  }

  private static synchronized void print(String line) {
    System.out.println(line);
    System.out.flush();
  }

  private void writeOnce() throws IOException {
    int n = writes++;
    switch (random.nextInt(4)) {
      case 0 -> commit(n, random.nextInt(ChurnContent.FILES), random.nextInt(ChurnContent.FILES));
      case 1 -> logRun(random.nextInt(ChurnContent.FILES), random.nextInt(ChurnContent.MODELS));
      case 2 -> register(random.nextInt(ChurnContent.MODELS));
      default -> saveProfile(random.nextInt(ChurnContent.SAMPLES));
    }
  }

  private int stored(byte[]... contents) {
    int stored = 0;
    for (byte[] content : contents) {
      stored += ChurnContent.stored(mlops.store(), content) ? 1 : 0;
    }
    return stored;
  }

  private void commit(int n, int a, int b) throws IOException {
    byte[] first = ChurnContent.file(a);
    byte[] second = ChurnContent.file(b);
    int stored = stored(first, second);
    String head = "h" + n;
    String ref = mlops.datasets().commit(CommitRequest.builder().dataset(name).head(head)
        .add("a.bin", Files.write(work.resolve(name + "-a.bin"), first))
        .add("b.bin", Files.write(work.resolve(name + "-b.bin"), second)).build()).ref().toString();
    print("ACK dataset " + ref + " a.bin=" + a + ",b.bin=" + b + " stored=" + stored);
    heads.addLast(ref + " " + head);
    if (heads.size() > 2) {
      String[] old = heads.removeFirst().split(" ");
      print("DROP dataset " + old[0]);
      mlops.datasets().deleteHead(name, old[1]);
    }
  }

  private void logRun(int file, int model) throws IOException {
    byte[] data = ChurnContent.file(file);
    byte[] onnx = ChurnContent.model(model);
    int stored = stored(data, onnx);
    String id;
    try (Run run = mlops.experiments().start(RunSpec.builder().experiment("churn").build())) {
      id = run.id();
      run.log("loss", 1.0 / (file + 1));
      run.artifact("data.bin", Files.write(work.resolve(name + "-data.bin"), data));
      run.artifact("model.onnx", Files.write(work.resolve(name + "-model.onnx"), onnx));
    }
    print("ACK run " + id + " data.bin=" + file + ",model.onnx=" + model + " stored=" + stored);
    runs.addLast(id);
    if (runs.size() > 2) {
      String old = runs.removeFirst();
      print("DROP run " + old);
      mlops.experiments().purge(old);
    }
  }

  private void register(int model) throws IOException {
    byte[] onnx = ChurnContent.model(model);
    int stored = stored(onnx);
    int version = mlops.models().register(ModelSpec.builder().model(name)
        .artifact(Files.write(work.resolve(name + "-registered.onnx"), onnx), ModelFormat.ONNX)
        .build()).version();
    print("ACK model " + name + "/" + version + " " + model + " stored=" + stored);
  }

  private void saveProfile(int sample) {
    byte[] bytes = profiles.computeIfAbsent(sample, i -> ChurnContent.profile(mlops.drift(), i));
    int stored = stored(bytes);
    mlops.drift().saveProfile(name, mlops.drift().readProfile(bytes));
    print("ACK profile " + name + " " + Sha256.hex(bytes) + " stored=" + stored);
  }
}
