package dev.mlops.cli.retrain;

import static dev.mlops.cli.CommandTree.of;

import dev.mlops.cli.CommandTree;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code mlops retrain}: retraining decisions, approvals and backtests. */
@Command(
    addMethodSubcommands = false,
    name = "retrain",
    mixinStandardHelpOptions = true,
    description = "Show retraining decisions, approve or reject requests, backtest a policy.")
public final class RetrainCommand {
  /**
   * The subcommands, in the order the usage lists them: {@link dev.mlops.cli.Main} adds them (not
   * the annotation), so that a run builds only the one it names.
   */
  public static final List<CommandTree> SUBCOMMANDS = List.of(
      of("status", RetrainStatusCommand.class),
      of("history", RetrainHistoryCommand.class),
      of("approve", RetrainApproveCommand.class),
      of("reject", RetrainRejectCommand.class),
      of("backtest", RetrainBacktestCommand.class));
}
