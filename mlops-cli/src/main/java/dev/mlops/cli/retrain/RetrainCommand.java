package dev.mlops.cli.retrain;

import picocli.CommandLine.Command;

/** {@code mlops retrain}: retraining decisions, approvals and backtests. */
@Command(
    name = "retrain",
    mixinStandardHelpOptions = true,
    description = "Show retraining decisions, approve or reject requests, backtest a policy.",
    subcommands = {RetrainStatusCommand.class, RetrainHistoryCommand.class,
        RetrainApproveCommand.class, RetrainRejectCommand.class, RetrainBacktestCommand.class})
public final class RetrainCommand {}
