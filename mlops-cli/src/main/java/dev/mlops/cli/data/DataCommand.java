package dev.mlops.cli.data;

import picocli.CommandLine.Command;

/** {@code mlops data}: versioned datasets. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Commit, inspect, compare, check out and tag dataset versions; collect garbage.",
    subcommands = {DataLsCommand.class, DataCommitCommand.class, DataLogCommand.class, DataShowCommand.class,
        DataDiffCommand.class, DataCheckoutCommand.class, DataTagCommand.class, dev.mlops.cli.StoreGcCommand.class,
        DataViewCommand.class})
public final class DataCommand {}
