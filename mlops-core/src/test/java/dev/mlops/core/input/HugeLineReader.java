package dev.mlops.core.input;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.core.MlOps;
import dev.mlops.core.input.LabelledCsv;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Run in a child JVM with a small heap: reads a CSV holding one huge line through the dataset API
 * (a CSV table) and through the validation reader, and prints, for each, the exception's type and
 * message length. A heap error ends the JVM with a non-zero status and a stack trace on stderr.
 */
public final class HugeLineReader {
  private HugeLineReader() {}

  /**
   * Reads the file.
   *
   * @param args the store directory and the CSV file
   * @throws Exception never on success
   */
  public static void main(String[] args) throws Exception {
    Path store = Path.of(args[0]);
    Path csv = Path.of(args[1]);
    try (MlOps mlops = MlOps.local(store)) {
      mlops.datasets().commit(CommitRequest.builder().dataset("huge")
          .addTable("t", new TableSource.FromCsv(csv, Optional.empty())).build());
      System.out.println("dataset: no failure");
    } catch (MlOpsException e) {
      System.out.println("dataset: " + e.getClass().getSimpleName() + " " + e.getMessage().length() + " "
          + e.getMessage());
    }
    try (Reader reader = CsvRecords.utf8(Files.newInputStream(csv))) {
      LabelledCsv.read(reader, "a", csv.toString());
      System.out.println("validation: no failure");
    } catch (IllegalArgumentException e) {
      System.out.println("validation: " + e.getClass().getSimpleName() + " " + e.getMessage().length() + " "
          + e.getMessage());
    }
  }
}
