package dev.mlops.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.core.MlOps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick start of docs/guide.md opens the default store, which depends on the environment and
 * the working directory: it runs in child JVMs given each.
 */
@DisplayName("docs/guide.md")
class GuidePageTest {
  @TempDir Path dir;

  /** The page's quick start, run as a program. */
  public static final class QuickStart {
    private QuickStart() {}

    /**
     * Opens the default store and prints its URI.
     *
     * @param args none
     */
    public static void main(String[] args) {
      // snippet:guide-open
      try (MlOps mlops = MlOps.open()) {   // $MLOPS_STORE if set, else ./.mlops
        System.out.println(mlops.store().uri());
        // mlops.datasets(), experiments(), validator(), models(), drift(), retrainPolicy(config)
      }
      // end:guide-open
    }
  }

  @Test
  @DisplayName("the quick start opens $MLOPS_STORE when it is set")
  void opensTheConfiguredStore() throws Exception {
    Path store = dir.resolve("team-store");
    assertEquals(store.toUri().toString().replaceAll("/$", ""),
        run(dir, store.toString()).replaceAll("/$", ""));
  }

  @Test
  @DisplayName("the quick start opens ./.mlops when $MLOPS_STORE is unset")
  void opensTheWorkingDirectorysStore() throws Exception {
    assertEquals(dir.resolve(".mlops").toUri().toString().replaceAll("/$", ""),
        run(dir, null).replaceAll("/$", ""));
  }

  private static String run(Path workingDirectory, String storeVariable)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), QuickStart.class.getName()))
        .directory(workingDirectory.toFile()).redirectErrorStream(true);
    builder.environment().remove(MlOps.STORE_ENV);
    if (storeVariable != null) {
      builder.environment().put(MlOps.STORE_ENV, storeVariable);
    }
    Process child = builder.start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, child.waitFor(), out);
    return out.strip();
  }
}
