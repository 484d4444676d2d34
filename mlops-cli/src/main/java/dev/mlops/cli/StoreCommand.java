package dev.mlops.cli;

import picocli.CommandLine.Command;

/** {@code mlops store}: the group of commands that work on the store as a whole. */
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Create, inspect, verify and collect the store as a whole.",
    subcommands = {StoreInitCommand.class, StoreInfoCommand.class, StoreVerifyCommand.class,
        StoreGcCommand.class})
final class StoreCommand {}
