package dev.mlops.examples;

import dev.mlops.core.MlOps;
import dev.mlops.core.StoreInfo;
import dev.mlops.core.VerifyReport;
import java.io.PrintStream;
import java.net.URI;
import java.util.Map;

/**
 * The README's demo: opens a store, says what it holds and checks that its content is intact.
 * A later issue replaces it with the full lifecycle (data, runs, models, gates, drift, retraining).
 *
 * <p>Run it with {@code ./mvnw -q install -DskipTests && ./mvnw -q -pl mlops-examples exec:java};
 * add {@code -Dexec.args=/some/dir} to use another store than the default.
 */
public final class Demo {
  private Demo() {}

  /**
   * Runs the demo on the store named by {@code args[0]} (a directory or a URI), or on the default
   * store ({@code $MLOPS_STORE}, else {@code ./.mlops}). Exits with status 1 if it fails.
   *
   * @param args optionally the store
   */
  public static void main(String[] args) {
    URI store = args.length > 0 ? MlOps.toStoreUri(args[0]) : MlOps.defaultStoreUri(System.getenv());
    if (!run(store, System.out, System.err)) {
      // Only on failure: exec:java runs in Maven's JVM, which must finish normally on success.
      System.exit(1);
    }
  }

  /**
   * Tells the story on one store.
   *
   * @param store the store's URI
   * @param out where the story goes
   * @param err where a failure is explained
   * @return {@code true} if the store opened and verified intact
   */
  public static boolean run(URI store, PrintStream out, PrintStream err) {
    out.println("mlops demo");
    out.println("1. Opening the store at " + store);
    try (MlOps mlops = MlOps.open(store)) {
      StoreInfo info = mlops.inspector().info();
      out.println("2. It holds " + info.objects() + " object" + (info.objects() == 1 ? "" : "s")
          + " (" + info.bytes() + " bytes)" + areas(info.areas()));
      VerifyReport report = mlops.inspector().verify();
      out.println("3. Re-hashed " + report.objects() + " content object"
          + (report.objects() == 1 ? "" : "s") + ": "
          + (report.ok() ? "all match their address" : report.corrupt().size() + " corrupt " + report.corrupt()));
      if (!report.ok()) {
        err.println("demo: the store has corrupt objects; run 'bin/mlops --store " + store
            + " store verify' and restore them from a copy");
        return false;
      }
      out.println("Done. Datasets, runs, models, validation, drift and retraining come in the next issues.");
      return true;
    } catch (RuntimeException e) {
      err.println("demo: " + e.getMessage());
      return false;
    }
  }

  private static String areas(Map<String, Long> areas) {
    if (areas.isEmpty()) {
      return ".";
    }
    StringBuilder text = new StringBuilder(", by area:");
    areas.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(area -> text.append(' ').append(area.getKey()).append('=').append(area.getValue()));
    return text.append('.').toString();
  }
}
