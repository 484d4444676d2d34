package dev.mlops.cli.retrain;

import dev.mlops.api.retrain.RetrainRequest;
import dev.mlops.api.retrain.Retraining;
import dev.mlops.cli.CommandContext;
import dev.mlops.cli.CommandContext.Output;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What {@code approve} and {@code reject} share: the request id, who decides and why. */
abstract class DecideCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REQUEST-ID", description = "The request, as 'mlops retrain status' lists it.")
  private String id = "";

  @Option(names = "--by", paramLabel = "NAME", description = "Who decides. Default: the OS user name.")
  private @Nullable String by;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why. Default: empty.")
  private String reason = "";

  abstract RetrainRequest decide(Retraining retraining, String id, String by, String reason);

  @Override
  public Integer call() throws Exception {
    CommandContext cli = new CommandContext(spec);
    String who = by != null ? by : System.getProperty("user.name", "");
    return cli.read(mlops -> {
      RetrainRequest request = decide(mlops.retraining(), id, who, reason);
      return Output.of(RetrainJson.request(request), RetrainJson.text(request));
    });
  }
}
