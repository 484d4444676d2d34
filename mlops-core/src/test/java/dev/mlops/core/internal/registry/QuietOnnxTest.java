package dev.mlops.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.testing.ChildJvm;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ONNX Runtime prints nothing on the process's stderr when the SDK loads and serves models; its
 * errors reach SLF4J. The children send SLF4J (slf4j-simple) to stdout, so stderr holds only what
 * something else printed.
 */
class QuietOnnxTest {
  private static final List<String> SLF4J_TO_STDOUT =
      List.of("-Dorg.slf4j.simpleLogger.logFile=System.out",
          // JDK 24+ warns on stderr when ONNX Runtime loads its native library unless the host
          // enables native access, as getting-started tells hosts to (JDK 17 accepts it too).
          "--enable-native-access=ALL-UNNAMED");

  @TempDir Path dir;

  @Test
  @DisplayName("the control: ONNX Runtime on its defaults prints its warning about the model on stderr")
  void onItsDefaultsOnnxRuntimePrintsOnStderr() {
    ChildJvm.Result result = ChildJvm.run(SLF4J_TO_STDOUT, QuietOnnxChild.class, dir.toString(), "plain");
    assertEquals(0, result.exitCode(), result.stderr());
    assertTrue(result.stdout().contains("LOADED"), result.stdout());
    assertTrue(result.stderr().contains("Removing initializer 'identity'"), result.stderr());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sdk", "host-first"})
  @DisplayName("registering, serving and predicting print nothing on stderr; a model ONNX Runtime refuses is logged through SLF4J")
  void theSdkKeepsOnnxRuntimeOffStderr(String mode) {
    ChildJvm.Result result = ChildJvm.run(SLF4J_TO_STDOUT, QuietOnnxChild.class, dir.toString(), mode);
    assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
    assertTrue(result.stdout().contains("PREDICTED 2"), result.stdout());
    assertTrue(result.stdout().contains("REFUSED"), result.stdout());
    assertTrue(result.stdout().contains("WARN dev.mlops.core.internal.onnx.OnnxModels - ONNX Runtime"
        + " could not load"), result.stdout());
    assertEquals("", result.stderr());
    if (mode.equals("host-first")) {
      assertTrue(result.stdout().contains("WARN ai.onnxruntime.OrtEnvironment - Tried to change"),
          "the binding's own message about the host's environment goes through SLF4J too: "
              + result.stdout());
    }
  }
}
