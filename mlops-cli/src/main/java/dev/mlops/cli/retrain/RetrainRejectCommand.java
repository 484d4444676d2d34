package dev.mlops.cli.retrain;

import dev.mlops.api.retrain.RetrainRequest;
import dev.mlops.api.retrain.Retraining;
import picocli.CommandLine.Command;

/** {@code mlops retrain reject <id> [--by NAME] [--reason TEXT]}; JSON: the request. */
@Command(addMethodSubcommands = false, name = "reject", mixinStandardHelpOptions = true,
    description = "Reject a pending request; nothing runs.")
final class RetrainRejectCommand extends DecideCommand {
  @Override
  RetrainRequest decide(Retraining retraining, String id, String by, String reason) {
    return retraining.reject(id, by, reason);
  }
}
