package dev.mlops.core.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files written out (dataset and model checkouts) get the mode any program of the user creates
 * files with, 0666 less the process's umask (0644 under umask 022), not the 0600 of a JDK
 * temporary file, though they are written as hidden temporary files and renamed into place.
 */
@DisplayName("A confined directory's files")
class ConfinedDirectoryModeTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "handles: {0}")
  @ValueSource(booleans = {true, false})
  @DisplayName("get 0666 less the umask, whether new, replacing a 0600 file, or created new")
  void defaultCreationMode(boolean handles) throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX modes");
    Set<PosixFilePermission> expected = PosixFilePermissions.fromString(modeUnderUmask(umask()));
    Path target = Files.createDirectories(dir.resolve("co"));
    Path old = Files.writeString(target.resolve("old.txt"), "old");
    Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-------"));

    try (ConfinedDirectory directory = ConfinedDirectory.open(target, handles)) {
      directory.replace("sub/new.txt", out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
      directory.replace("old.txt", out -> out.write("replaced".getBytes(StandardCharsets.UTF_8)));
      directory.createNew("model.onnx", out -> out.write(1));
    }

    assertEquals(expected, Files.getPosixFilePermissions(target.resolve("sub/new.txt")));
    assertEquals(expected, Files.getPosixFilePermissions(target.resolve("old.txt")));
    assertEquals(expected, Files.getPosixFilePermissions(target.resolve("model.onnx")));
  }

  /** The process's umask as the kernel reports it (Linux 4.7 and later); skipped elsewhere. */
  private static int umask() throws IOException {
    Path status = Path.of("/proc/self/status");
    assumeTrue(Files.isReadable(status), "/proc/self/status");
    String line = Files.readAllLines(status).stream().filter(l -> l.startsWith("Umask:")).findFirst().orElse(null);
    assumeTrue(line != null, "a kernel that reports the umask");
    return Integer.parseInt(line.substring("Umask:".length()).trim(), 8);
  }

  /** 0666 less the umask, as {@code rw-r--r--}: what open(2) with O_CREAT and mode 0666 gives. */
  private static String modeUnderUmask(int umask) {
    int mode = 0666 & ~umask;
    String letters = "rwxrwxrwx";
    StringBuilder out = new StringBuilder();
    for (int bit = 8; bit >= 0; bit--) {
      out.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
    }
    return out.toString();
  }
}
