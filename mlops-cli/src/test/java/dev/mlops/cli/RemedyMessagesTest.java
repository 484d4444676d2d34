package dev.mlops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.api.ConflictException;
import dev.mlops.api.Remedy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Failures tell a CLI user what to type (a command, a flag), never which Java method to call. */
class RemedyMessagesTest {
  /** A Java call in a message: {@code profile(reference, path)}, {@code datasets()}, {@code X.y(}. */
  private static final Pattern JAVA_CALL = Pattern.compile("[a-z][A-Za-z]*\\([^)]*\\)|[A-Z][a-z][A-Za-z]*\\.[a-z]");

  @TempDir Path dir;

  private CliRun run(String... args) {
    return CliRun.inStore(dir.resolve("store"), args);
  }

  @ParameterizedTest
  @EnumSource(Remedy.class)
  @DisplayName("every named remedy has a CLI wording that names a command or a flag and no Java call")
  void everyRemedyHasCliWording(Remedy remedy) {
    String cli = Remedies.inCli(remedy);
    assertTrue(cli.contains("'mlops ") || cli.contains("--"), cli);
    assertFalse(JAVA_CALL.matcher(cli).find(), cli);
    assertTrue(JAVA_CALL.matcher(remedy.java()).find(), "the Java wording names a method: " + remedy.java());
  }

  @Test
  @DisplayName("an unknown model points to 'mlops models ls', not to a Java method")
  void unknownModelPointsToModelsLs() throws Exception {
    Path file = Files.writeString(dir.resolve("a.txt"), "a");
    assertEquals(0, run("data", "commit", "weather", file.toString()).exitCode());

    CliRun show = run("models", "show", "churn");
    assertEquals(1, show.exitCode());
    assertTrue(show.err().contains("No model 'churn' in this store; list models with 'mlops models ls'"),
        show.err());
    assertFalse(JAVA_CALL.matcher(show.err()).find(), show.err());
  }

  @Test
  @DisplayName("an unknown dataset points to 'mlops data ls', which lists the datasets")
  void unknownDatasetPointsToDataLs() throws Exception {
    Path file = Files.writeString(dir.resolve("a.txt"), "a");
    assertEquals(0, run("data", "commit", "weather", file.toString()).exitCode());

    CliRun log = run("data", "log", "wether");
    assertEquals(1, log.exitCode());
    assertEquals(1, log.errLines().size(), log.err());
    assertTrue(log.err().contains("No dataset named 'wether'"), log.err());
    assertTrue(log.err().contains("list them with 'mlops data ls'"), log.err());
    assertFalse(log.err().contains("DatasetStore"), log.err());

    CliRun ls = run("data", "ls");
    assertEquals(0, ls.exitCode(), ls.err());
    assertTrue(ls.out().startsWith("DATASET "), ls.out());
    assertTrue(ls.out().lines().skip(1).findFirst().orElse("").startsWith("weather "), ls.out());
    JsonNode json = run("--json", "data", "ls").json();
    assertEquals("weather", json.get("datasets").get(0).get("dataset").asText());
    assertEquals(64, json.get("datasets").get(0).get("version").asText().length());
  }

  @Test
  @DisplayName("a version with several tables asks for --table, not profile(reference, path)")
  void severalTablesAskForTheFlag() throws Exception {
    Path a = Files.writeString(dir.resolve("a.csv"), "x,y\n1,2\n3,4\n");
    Path b = Files.writeString(dir.resolve("b.csv"), "x,y\n5,6\n7,8\n");
    CliRun commit = run("data", "commit", "pair", a.toString(), b.toString(), "--table");
    assertEquals(0, commit.exitCode(), commit.err());

    CliRun drift = run("drift", "--reference", "pair@main", "--current", b.toString());
    assertEquals(1, drift.exitCode(), drift.out());
    assertTrue(drift.err().contains("has 2 tables [a.csv, b.csv]; name the table with --table PATH"), drift.err());
    assertFalse(JAVA_CALL.matcher(drift.err()).find(), drift.err());
    assertEquals(0, run("drift", "--reference", "pair@main", "--table", "a.csv", "--current", b.toString())
        .exitCode() & ~3, "with --table the comparison runs (exit 0 or 3)");
  }

  @Test
  @DisplayName("a version without tables says how to commit one from the shell")
  void noTableSaysHowToCommitOne() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "text");
    assertEquals(0, run("data", "commit", "notes", file.toString()).exitCode());
    CliRun drift = run("drift", "--reference", "notes@main", "--current", file.toString());
    assertEquals(1, drift.exitCode());
    assertTrue(drift.err().contains("has no table to profile; commit a CSV file as a table with"
        + " 'mlops data commit DATASET FILE.csv --table'"), drift.err());
  }

  @Test
  @DisplayName("a commit conflict names --rebase; the Java message names rebaseOnConflict(true)")
  void conflictNamesTheRebaseFlag() {
    ConflictException conflict = new ConflictException("Another writer moved d@main", Remedy.REBASE_ON_CONFLICT);
    assertTrue(conflict.getMessage().endsWith("set rebaseOnConflict(true) when the changes touch different paths"),
        conflict.getMessage());
    assertEquals("Another writer moved d@main; run the commit again, or add --rebase when the changes touch"
        + " different paths", FailureHandler.describe(conflict));
  }

  @Test
  @DisplayName("an unknown run points to 'mlops runs ls'")
  void unknownRunPointsToRunsLs() throws Exception {
    Files.createDirectories(dir.resolve("store"));
    CliRun show = run("runs", "export", "nosuchrun", "--format", "csv");
    assertEquals(1, show.exitCode());
    assertTrue(show.err().contains("list runs with 'mlops runs ls'"), show.err());
    assertFalse(JAVA_CALL.matcher(show.err()).find(), show.err());
  }
}
