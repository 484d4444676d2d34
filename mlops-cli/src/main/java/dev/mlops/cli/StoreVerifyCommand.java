package dev.mlops.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.MlOps;
import dev.mlops.core.VerifyReport;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mlops store verify}: re-hashes every content object, checks metric segments and table
 * sketches, checks every document's checksum and that it reads, and looks up every object that
 * something refers to. JSON: {@code {"objects": N, "corrupt": [...], "missing": [{"key": ...,
 * "referrer": ...}], "unsealed": N, "ok": true|false}}. Exit code 0 if intact, 1 if corrupt or
 * missing objects were found (with one line on stderr saying what to do).
 */
@Command(
    addMethodSubcommands = false,
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"Re-hash every content object, check every metric segment, table sketch and"
        + " document (its checksum, and that it reads), look up every object that datasets, runs,"
        + " models and the other concerns refer to, and report the damaged and the missing ones.",
        "Exit code 0 if all are intact, 1 if corrupt or missing objects were found."})
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
      report.missing().forEach(m -> out.println("missing  " + m.key() + "  (referred to by "
          + m.referrer() + ")"));
      out.println("verified " + report.objects() + " object" + (report.objects() == 1 ? "" : "s")
          + " in " + uri + " (content re-hashed; metric segments, sketches and documents read and"
          + " checked; every reference looked up): " + summary(report));
    }
    out.flush();
    if (report.ok()) {
      return 0;
    }
    PrintWriter err = spec.commandLine().getErr();
    if (!report.corrupt().isEmpty()) {
      err.println("mlops: " + report.corrupt().size() + " of " + report.objects()
          + " objects in " + uri + " are damaged; restore them from a backup"
          + " or a copy of the store (or delete them if nothing refers to them), then run"
          + " 'mlops store verify' again");
    }
    if (!report.missing().isEmpty()) {
      err.println("mlops: " + report.missing().size() + " objects that " + uri + " refers to are"
          + " missing (deleted while still referred to); restore them from a backup or a copy of"
          + " the store, then run 'mlops store verify' again");
    }
    err.flush();
    return Main.EXIT_FAILURE;
  }

  private static String summary(VerifyReport report) {
    List<String> parts = new ArrayList<>();
    if (!report.corrupt().isEmpty()) {
      parts.add(report.corrupt().size() + " corrupt");
    }
    if (!report.missing().isEmpty()) {
      parts.add(report.missing().size() + " missing");
    }
    String result = parts.isEmpty() ? "ok" : String.join(", ", parts);
    return report.unsealed() == 0 ? result : result + " (" + report.unsealed() + " document"
        + (report.unsealed() == 1 ? "" : "s") + " written before documents carried checksums)";
  }

  private static String json(VerifyReport report) {
    ObjectNode node = Json.object();
    node.put("objects", report.objects());
    ArrayNode corrupt = node.putArray("corrupt");
    report.corrupt().forEach(corrupt::add);
    ArrayNode missing = node.putArray("missing");
    report.missing().forEach(m -> missing.addObject().put("key", m.key())
        .put("referrer", m.referrer()));
    node.put("unsealed", report.unsealed());
    node.put("ok", report.ok());
    return Json.write(node);
  }
}
