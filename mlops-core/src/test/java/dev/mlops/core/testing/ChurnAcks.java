package dev.mlops.core.testing;

import dev.mlops.api.MlOpsException;
import dev.mlops.core.MlOps;
import dev.mlops.core.internal.content.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the {@link ChurnWriter}s acknowledged, from their output: every write they printed as
 * done, minus what they dropped afterwards (a deleted head, a purged run, a profile saved over),
 * and the check that each of those reads back byte for byte.
 */
final class ChurnAcks {
  /** Live writes: "kind what" to the content they hold ("a.bin=3,b.bin=7", a model, a hash). */
  private final Map<String, String> live = new LinkedHashMap<>();
  final Map<String, Long> acks = new TreeMap<>();
  long drops;
  long alreadyStored;

  /** Reads one writer JVM's output (its threads' lines interleave, each thread's in order). */
  void read(List<String> lines) {
    for (String line : lines) {
      String[] words = line.split(" ");
      if (words[0].equals("ACK")) {
        live.put(words[1] + " " + words[2], words[3]);
        acks.merge(words[1], 1L, Long::sum);
        alreadyStored += Long.parseLong(words[4].substring("stored=".length()));
      } else if (words[0].equals("DROP")) {
        live.remove(words[1] + " " + words[2]);
        drops++;
      }
    }
  }

  long total() {
    return acks.values().stream().mapToLong(Long::longValue).sum();
  }

  int live() {
    return live.size();
  }

  /** Reads every live write back; returns those that do not read back byte for byte. */
  List<String> lost(MlOps mlops, Path work) {
    List<String> lost = new ArrayList<>();
    live.forEach((write, content) -> {
      try {
        if (!readsBack(mlops, write.split(" "), content, work)) {
          lost.add(write + " " + content + " reads back different bytes");
        }
      } catch (MlOpsException e) {
        lost.add(write + " " + content + ": " + e.getMessage());
      }
    });
    return lost;
  }

  private static boolean readsBack(MlOps mlops, String[] write, String content, Path work) {
    switch (write[0]) {
      case "dataset":
        return files(content, (path, bytes) -> same(bytes, mlops.datasets().open(write[1], path)));
      case "run":
        return files(content, (path, bytes) -> same(bytes,
            mlops.experiments().openArtifact(write[1], path)));
      case "model":
        Path file = mlops.models().checkout(write[1], work.resolve("checkout-"
            + write[1].replace('/', '-') + ".onnx"));
        return same(ChurnContent.model(Integer.parseInt(content)), file);
      case "profile":
        return content.equals(Sha256.hex(mlops.drift().loadProfile(write[1]).toBytes()));
      default:
        throw new IllegalArgumentException("unknown write " + Arrays.toString(write));
    }
  }

  private interface FileCheck {
    boolean check(String path, byte[] expected);
  }

  /** Checks each {@code path=index} of {@code content}; model.onnx indexes models, others files. */
  private static boolean files(String content, FileCheck check) {
    for (String file : content.split(",")) {
      String[] pathAndIndex = file.split("=");
      int index = Integer.parseInt(pathAndIndex[1]);
      byte[] expected = pathAndIndex[0].equals("model.onnx") ? ChurnContent.model(index)
          : ChurnContent.file(index);
      if (!check.check(pathAndIndex[0], expected)) {
        return false;
      }
    }
    return true;
  }

  private static boolean same(byte[] expected, InputStream in) {
    try (in) {
      return Arrays.equals(expected, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean same(byte[] expected, Path file) {
    try {
      return Arrays.equals(expected, Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
