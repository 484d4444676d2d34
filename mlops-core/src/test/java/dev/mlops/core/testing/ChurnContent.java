package dev.mlops.core.testing;

import dev.mlops.api.drift.DriftDetector;
import dev.mlops.api.drift.Sample;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.internal.content.ContentKeys;
import dev.mlops.core.internal.content.Sha256;
import java.util.Random;

/**
 * The small pools of content that the writers of {@link GcRace} draw from, again and again, so
 * that their writes keep landing on objects that earlier writes stored and later made unreachable.
 * A file below the chunk size is one chunk whose address is the file's SHA-256, so the same bytes
 * as a dataset file, a run artifact or a model artifact are one object.
 */
public final class ChurnContent {
  /** How many distinct files there are. */
  public static final int FILES = 12;
  /** How many distinct ONNX models there are. */
  public static final int MODELS = 4;
  /** How many distinct drift samples there are. */
  public static final int SAMPLES = 4;

  private static final float[][] WEIGHTS = {{1f, -1f}, {0.5f, 2f}, {-0.25f, 0f}};

  private ChurnContent() {}

  /** File {@code i}: 2 to 24 KB of seeded random bytes. */
  public static byte[] file(int i) {
    Random random = new Random(i);
    byte[] bytes = new byte[2048 + random.nextInt(22 * 1024)];
    random.nextBytes(bytes);
    return bytes;
  }

  /** Model {@code i}: a logistic regression that answers differently for each i. */
  public static byte[] model(int i) {
    return OnnxTestModels.logisticRegression(WEIGHTS, new float[] {0.1f * i, -0.1f * i});
  }

  /**
   * The profile of sample {@code i}, as bytes. Sketching draws at random, so each JVM computes
   * its own bytes once and reuses them: the same profile saved again deduplicates.
   */
  public static byte[] profile(DriftDetector drift, int i) {
    double[] values = new Random(100 + i).doubles(300).toArray();
    return drift.profile(Sample.builder().numeric("x", values).build()).toBytes();
  }

  /** Tells whether the object holding {@code bytes} is in the store. */
  public static boolean stored(ObjectStore store, byte[] bytes) {
    return store.stat(ContentKeys.keyOf(Sha256.hex(bytes))).isPresent();
  }
}
