package dev.mlops.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.StoreInfo;
import dev.mlops.core.input.ByteUnits;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mlops store info}: the store's URI, object count, total bytes and counts by area. JSON:
 * {@code {"uri": "...", "objects": N, "bytes": N, "areas": {"objects": N, ...}}}.
 */
@Command(
    addMethodSubcommands = false,
    name = "info",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Print the store's URI, object count, total size and objects by area.")
final class StoreInfoCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return new CommandContext(spec).read(mlops -> {
      StoreInfo info = mlops.inspector().info();
      return CommandContext.Output.of(json(info), text(info));
    });
  }

  private static ObjectNode json(StoreInfo info) {
    ObjectNode node = Json.object();
    node.put("uri", info.uri().toString());
    node.put("objects", info.objects());
    node.put("bytes", info.bytes());
    ObjectNode areas = node.putObject("areas");
    info.areas().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(area -> areas.put(area.getKey(), area.getValue()));
    return node;
  }

  private static String text(StoreInfo info) {
    String areas = info.areas().isEmpty()
        ? "(none)"
        : info.areas().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(area -> area.getKey() + " " + area.getValue())
            .collect(Collectors.joining(", "));
    return String.join(System.lineSeparator(),
        "store    " + info.uri(),
        "objects  " + info.objects() + " (every object stored, by area below; 'store verify' checks those of"
            + " content, metric segments, sketches and documents)",
        "bytes    " + info.bytes() + " (" + ByteUnits.format(info.bytes()) + ")",
        "areas    " + areas);
  }
}
