package dev.mlops.examples;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.CommitResult;
import dev.mlops.api.dataset.DatasetDiff;
import dev.mlops.core.MlOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The data example of docs/guide.md: two versions of a growing file, and what the second cost. */
public final class VersionData {
  private VersionData() {}

  /**
   * Commits a CSV, appends to it, commits again and prints the diff.
   *
   * @param args the store's directory, else {@code ./.mlops}
   * @throws IOException if the CSV cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path directory = Path.of(args.length > 0 ? args[0] : ".mlops");
    Path csv = Files.createTempFile("sales", ".csv");
    Files.writeString(csv, "day,units\n" + "2024-01-01,3\n".repeat(2000));
    // snippet:version-data
    try (MlOps mlops = MlOps.local(directory)) {
      CommitResult first = mlops.datasets().commitWithStats(CommitRequest.builder()
          .dataset("sales").add("sales.csv", csv).message("January")
          .averageChunkSize(4096).build());  // default 1 MiB; small chunks suit small files
      Files.writeString(csv, "2024-02-01,5\n".repeat(100), java.nio.file.StandardOpenOption.APPEND);
      CommitResult second = mlops.datasets().commitWithStats(CommitRequest.builder()
          .dataset("sales").add("sales.csv", csv).message("January and February")
          .averageChunkSize(4096).build());
      DatasetDiff diff = mlops.datasets().diff("sales@main~1", "sales@main");
      System.out.println(first.version().ref() + " -> " + second.version().ref()
          + ": modified " + diff.modified() + ", " + second.newBytes() + " new bytes stored");
      try (var in = mlops.datasets().open("sales@main~1", "sales.csv")) {  // verified while read
        System.out.println("the first version still has " + in.readAllBytes().length + " bytes");
      }
    }
    // end:version-data
    Files.delete(csv);
  }
}
