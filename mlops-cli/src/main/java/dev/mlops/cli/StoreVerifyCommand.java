package dev.mlops.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.MlOps;
import dev.mlops.core.VerifyReport;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mlops store verify}: re-hashes every content object. JSON:
 * {@code {"objects": N, "corrupt": [...], "ok": true|false}}. Exit code 0 if intact, 1 if corrupt
 * objects were found (with one line on stderr saying what to do).
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"Re-hash every content object, check every metric segment and table sketch, and report"
        + " the damaged ones.",
        "Exit code 0 if all are intact, 1 if corrupt objects were found."})
final class StoreVerifyCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    Main main = (Main) spec.root().userObject();
    URI uri;
    VerifyReport report;
    try (MlOps mlops = main.open()) {
      uri = mlops.store().uri();
      report = mlops.inspector().verify();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (main.json()) {
      out.println(json(report));
    } else {
      report.corrupt().forEach(key -> out.println("corrupt  " + key));
      out.println("verified " + report.objects() + " object" + (report.objects() == 1 ? "" : "s")
          + " in " + uri + ": " + (report.ok() ? "ok" : report.corrupt().size() + " corrupt"));
    }
    out.flush();
    if (report.ok()) {
      return 0;
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println("mlops: " + report.corrupt().size() + " of " + report.objects()
        + " objects in " + uri + " are damaged; restore them from a backup"
        + " or a copy of the store (or delete them if nothing refers to them), then run"
        + " 'mlops store verify' again");
    err.flush();
    return Main.EXIT_FAILURE;
  }

  private static String json(VerifyReport report) {
    ObjectNode node = Json.object();
    node.put("objects", report.objects());
    ArrayNode corrupt = node.putArray("corrupt");
    report.corrupt().forEach(corrupt::add);
    node.put("ok", report.ok());
    return Json.write(node);
  }
}
