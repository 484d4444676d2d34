package dev.mlops.cli.runs;

import picocli.CommandLine.Command;

/** {@code mlops runs}: experiment runs. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "List, show, search, compare and export experiment runs.",
    subcommands = {RunsLsCommand.class, RunsShowCommand.class, RunsSearchCommand.class,
        RunsCompareCommand.class, RunsExportCommand.class})
public final class RunsCommand {}
