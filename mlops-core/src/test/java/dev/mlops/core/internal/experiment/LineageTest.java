package dev.mlops.core.internal.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mlops.api.experiment.CodeVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageTest {
  @TempDir Path dir;

  /** Runs the git binary to build a fixture; the code under test never runs git. */
  private String git(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString(),
        "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  private static boolean hasGit() {
    try {
      return new ProcessBuilder("git", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @Test
  void readsTheCommitBranchAndDirtyFlagOfARealRepository() throws Exception {
    assumeTrue(hasGit(), "git is needed to build the fixture");
    git("init", "-q", "-b", "main");
    Files.writeString(dir.resolve("train.py"), "print('hi')\n");
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("src/model.py"), "x = 1\n");
    git("add", ".");
    git("commit", "-q", "-m", "first");
    String head = git("rev-parse", "HEAD");

    CodeVersion clean = GitInfo.read(dir.resolve("src")).orElseThrow();
    assertEquals(head, clean.commit(), "found from a subdirectory");
    assertEquals(Optional.of("main"), clean.branch());
    assertFalse(clean.dirty());

    Files.writeString(dir.resolve("src/model.py"), "x = 22\n"); // size changes
    assertTrue(GitInfo.read(dir).orElseThrow().dirty());
    Files.writeString(dir.resolve("src/model.py"), "x = 2\n"); // same size, new content
    Files.setLastModifiedTime(dir.resolve("src/model.py"),
        java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    assertTrue(GitInfo.read(dir).orElseThrow().dirty(), "same size but different content");
    Files.writeString(dir.resolve("src/model.py"), "x = 1\n");
    Files.setLastModifiedTime(dir.resolve("src/model.py"),
        java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 9_000));
    assertFalse(GitInfo.read(dir).orElseThrow().dirty(), "touched but unchanged content");
    Files.delete(dir.resolve("train.py"));
    assertTrue(GitInfo.read(dir).orElseThrow().dirty(), "a deleted tracked file");

    git("checkout", "-q", "train.py");
    git("pack-refs", "--all");
    assertFalse(Files.exists(dir.resolve(".git/refs/heads/main")));
    assertEquals(head, GitInfo.read(dir).orElseThrow().commit(), "resolved from packed-refs");
    git("checkout", "-q", "--detach");
    assertEquals(Optional.empty(), GitInfo.read(dir).orElseThrow().branch());
  }

  @Test
  void aHandMadeGitDirectoryWithoutIndexCountsAsDirty() throws Exception {
    Path git = Files.createDirectories(dir.resolve(".git"));
    Files.writeString(git.resolve("HEAD"), "ref: refs/heads/dev\n");
    String id = "0123456789abcdef0123456789abcdef01234567";
    Files.writeString(git.resolve("packed-refs"), "# pack-refs with: peeled\n" + id
        + " refs/heads/dev\n");
    CodeVersion code = GitInfo.read(dir).orElseThrow();
    assertEquals(id, code.commit());
    assertEquals(Optional.of("dev"), code.branch());
    assertTrue(code.dirty());
  }

  @Test
  void noRepositoryMeansNoCodeVersion() throws Exception {
    // walks up to the file system root; the temp directory is assumed not to be inside a repo
    assumeTrue(!Files.exists(Path.of("/.git")) && !Files.exists(dir.getParent().resolve(".git")));
    assertEquals(Optional.empty(), GitInfo.read(Files.createDirectories(dir.resolve("plain"))));
  }

  @Test
  void classPathEntriesBecomeMavenCoordinates() {
    assertEquals("com.fasterxml.jackson.core:jackson-core:2.21.2", EnvironmentInfo.coordinate(
        "/root/.m2/repository/com/fasterxml/jackson/core/jackson-core/2.21.2/"
            + "jackson-core-2.21.2.jar"));
    assertEquals("app.jar", EnvironmentInfo.coordinate("/opt/app/app.jar"));
    assertEquals("classes", EnvironmentInfo.coordinate("/work/target/classes/"));
  }
}
