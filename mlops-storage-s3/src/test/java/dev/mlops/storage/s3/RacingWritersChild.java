package dev.mlops.storage.s3;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetConflictException;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.ChurnContent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The child JVM of {@link RadosgwRacingWritersTest}: {@code <store URI> <work dir> <jvm name>
 * <rounds>} runs {@value #THREADS} threads that each, round after round, commit to dataset {@code
 * plain} without rebase, commit their own path of dataset {@code rebased} with rebase, register a
 * version of model {@code m}, and move its alias {@code champion} to that version. Every outcome is
 * printed after the call returned: {@code ACK plain <version id>} or {@code CONFLICT plain},
 * {@code ACK rebased <version id> <writer> <round>}, {@code ACK model <version>}, {@code ACK alias
 * <actor> <version>}. Any other failure ends the JVM with exit code 1.
 */
public final class RacingWritersChild {
  static final int THREADS = 4;

  private RacingWritersChild() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[1]);
    String jvm = args[2];
    int rounds = Integer.parseInt(args[3]);
    try (MlOps mlops = MlOps.open(URI.create(args[0]))) {
      ExecutorService threads = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        String writer = jvm + "t" + t;
        Path dir = Files.createDirectories(work.resolve(writer));
        writers.add(threads.submit(() -> {
          for (int round = 0; round < rounds; round++) {
            writeOnce(mlops, dir, writer, round);
          }
          return null;
        }));
      }
      threads.shutdown();
      for (Future<?> writer : writers) {
        writer.get(); // a failure of any writer fails the JVM
      }
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static void writeOnce(MlOps mlops, Path dir, String writer, int round)
      throws Exception {
    try {
      String id = mlops.datasets().commit(CommitRequest.builder().dataset("plain")
          .add(writer, Files.writeString(dir.resolve("plain"), writer + " " + round))
          .build()).ref().versionId();
      System.out.println("ACK plain " + id);
    } catch (DatasetConflictException e) {
      System.out.println("CONFLICT plain");
    }
    String rebased = mlops.datasets().commit(CommitRequest.builder().dataset("rebased")
        .add(writer, Files.write(dir.resolve("rebased"), content(writer, round)))
        .rebaseOnConflict(true).build()).ref().versionId();
    System.out.println("ACK rebased " + rebased + " " + writer + " " + round);
    int version = mlops.models().register(ModelSpec.builder().model("m")
        .artifact(Files.write(dir.resolve("model.onnx"),
            ChurnContent.model(round % ChurnContent.MODELS)), ModelFormat.ONNX)
        .build()).version();
    System.out.println("ACK model " + version);
    String actor = writer + "-" + round;
    mlops.models().moveAliases("m", Map.of("champion", version), actor, "race");
    System.out.println("ACK alias " + actor + " " + version);
  }

  /** What a writer commits to its own path of {@code rebased} in a round. */
  static byte[] content(String writer, int round) {
    return (writer + " round " + round).getBytes(StandardCharsets.UTF_8);
  }
}
