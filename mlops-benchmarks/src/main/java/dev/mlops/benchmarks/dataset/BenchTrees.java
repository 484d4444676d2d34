package dev.mlops.benchmarks.dataset;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.core.MlOps;
import dev.mlops.core.internal.dataset.DefaultDatasetStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Benchmark data made at run time in a temporary directory (never committed to the repository). */
final class BenchTrees {
  private BenchTrees() {}

  /**
   * Commits a directory as dataset {@code bench} into the filesystem store at {@code store},
   * opened for this commit only (no stat cache).
   *
   * @return the version id
   */
  static String commitTree(Path store, Path tree) {
    try (MlOps mlops = MlOps.local(store)) {
      return new DefaultDatasetStore(mlops.store(), Clock.systemUTC(), Optional.empty(), mlops.executor())
          .commit(CommitRequest.builder().dataset("bench").add("tree", tree).build())
          .ref().versionId();
    }
  }

  /**
   * Writes {@code files} files of random bytes totalling {@code totalBytes}, in subdirectories of
   * 100 files, with modification times an hour old (so the stat cache trusts them at once).
   */
  static List<Path> randomTree(Path root, int files, long totalBytes, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    long each = totalBytes / files;
    byte[] buffer = new byte[1 << 20];
    FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
    List<Path> written = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      Path file = root.resolve("d" + (i / 100)).resolve("f" + i + ".bin");
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        long left = each;
        while (left > 0) {
          int n = (int) Math.min(buffer.length, left);
          fill(random, buffer, n);
          out.write(buffer, 0, n);
          left -= n;
        }
      }
      Files.setLastModifiedTime(file, old);
      written.add(file);
    }
    return written;
  }

  static void fill(SplittableRandom random, byte[] buffer, int n) {
    for (int i = 0; i + 8 <= n; i += 8) {
      long v = random.nextLong();
      for (int b = 0; b < 8; b++) {
        buffer[i + b] = (byte) (v >>> (8 * b));
      }
    }
    for (int i = n - n % 8; i < n; i++) {
      buffer[i] = (byte) random.nextInt();
    }
  }

  static void delete(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
