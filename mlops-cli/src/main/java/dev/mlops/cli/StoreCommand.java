package dev.mlops.cli;

import picocli.CommandLine.Command;

/** {@code mlops store}: the group of commands that work on the store as a whole. */
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Create and inspect the store as a whole.",
    subcommands = {StoreInitCommand.class, StoreInfoCommand.class, StoreVerifyCommand.class})
final class StoreCommand {}
