package dev.mlops.cli.retrain;

import dev.mlops.api.retrain.RetrainRequest;
import dev.mlops.api.retrain.Retraining;
import picocli.CommandLine.Command;

/** {@code mlops retrain approve <id> [--by NAME] [--reason TEXT]}; JSON: the request. */
@Command(addMethodSubcommands = false, name = "approve", mixinStandardHelpOptions = true,
    description = "Approve a pending request; the policy's host runs it at its next evaluation.")
final class RetrainApproveCommand extends DecideCommand {
  @Override
  RetrainRequest decide(Retraining retraining, String id, String by, String reason) {
    return retraining.approve(id, by, reason);
  }
}
