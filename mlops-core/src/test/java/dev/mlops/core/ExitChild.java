package dev.mlops.core;

import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import java.nio.file.Path;

/**
 * A separate JVM for {@link MlOpsExitTest}: {@code <store> on|off <points>} opens an MlOps (closing
 * at JVM exit or not), starts a run, logs the points, prints {@code RUN <id>} and returns from
 * main without closing the run or the MlOps: a forgotten close().
 */
public final class ExitChild {
  private ExitChild() {}

  public static void main(String[] args) {
    MlOps mlops = MlOps.builder().uri(Path.of(args[0]).toUri())
        .closeOnJvmExit(args[1].equals("on")).build();
    Run run = mlops.experiments().start(RunSpec.builder().experiment("exit").build());
    int points = Integer.parseInt(args[2]);
    for (int i = 0; i < points; i++) {
      run.log("x", i * 0.5, i);
    }
    System.out.println("RUN " + run.id());
  }
}
