package dev.mlops.examples;

// The example of docs/getting-started.md, which shows this file from here to the end marker;
// DocsSnippetsTest checks that the page and this file agree and runs this class.
// snippet:log-a-run
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunQuery;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.core.MlOps;
import java.nio.file.Path;

/** Logs a run into a local store, then finds it. */
public class LogARun {
  public static void main(String[] args) {
    Path directory = Path.of(args.length > 0 ? args[0] : ".mlops");  // the store's directory
    try (MlOps mlops = MlOps.local(directory)) {
      RunSpec spec = RunSpec.builder()
          .experiment("hello")
          .name("first-run")
          .param("learning_rate", "0.1")
          .build();
      try (Run run = mlops.experiments().start(spec)) {   // FINISHED when closed
        for (int epoch = 1; epoch <= 5; epoch++) {
          run.log("loss", 1.0 / epoch, epoch);            // never blocks on I/O
        }
      }
      for (RunInfo info : mlops.experiments().search(RunQuery.experiment("hello"))) {
        System.out.println(info.name() + " " + info.status() + " " + info.latestMetrics());
      }
    }
  }
}
// end:log-a-run
