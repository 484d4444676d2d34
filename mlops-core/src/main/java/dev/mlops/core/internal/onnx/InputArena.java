package dev.mlops.core.internal.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.mlops.api.registry.Tensor;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * Per-thread direct memory for the numeric input tensors of one {@code session.run}.
 *
 * <p>Why: given a heap buffer, ONNX Runtime's Java API copies it into a freshly allocated direct
 * buffer on every call. Each of those carries a {@code Cleaner}, which makes young collections
 * slow (measured: about 60 ms per collection in the serving benchmark), so per-prediction cost and
 * its variance grew with every call. Here the inputs are copied into one direct buffer kept per
 * thread and reused: ONNX Runtime reads a direct buffer in place.
 *
 * <p>Safe because a run is synchronous: the tensors made from the arena are closed when the run
 * returns, before the same thread can start another. Bounded: a call whose numeric inputs need more
 * than {@link #LIMIT} bytes does not use the arena (ONNX Runtime's own copy is then small next to
 * the work), so no thread holds more than {@link #LIMIT} bytes.
 */
final class InputArena {
  /** The most direct memory a thread keeps for inputs. */
  static final int LIMIT = 1 << 20;

  private static final ThreadLocal<InputArena> ARENAS = ThreadLocal.withInitial(InputArena::new);

  private ByteBuffer memory = ByteBuffer.allocateDirect(0);
  private int used;

  private InputArena() {}

  /**
   * Returns this thread's arena, emptied and large enough for the inputs, or null when they need
   * more than {@link #LIMIT} bytes.
   */
  static @Nullable InputArena forThisThread(Collection<Tensor> inputs) {
    long bytes = 0;
    for (Tensor tensor : inputs) {
      bytes += bytes(tensor);
    }
    if (bytes > LIMIT) {
      return null;
    }
    InputArena arena = ARENAS.get();
    if (arena.memory.capacity() < bytes) {
      int capacity = Math.max(4096, Integer.highestOneBit((int) bytes)); // a power of two, at most LIMIT
      if (capacity < bytes) {
        capacity <<= 1;
      }
      arena.memory = ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
    }
    arena.used = 0;
    return arena;
  }

  /** Copies a numeric tensor's data into the arena and wraps it for ONNX Runtime without a copy. */
  OnnxTensor tensor(OrtEnvironment env, Tensor.Type type, Object data, long[] shape) throws OrtException {
    int length = Array.getLength(data);
    int size = length * width(type);
    ByteBuffer slice = memory.duplicate().position(used).limit(used + size).slice().order(ByteOrder.nativeOrder());
    used += size;
    return switch (type) {
      case FLOAT -> OnnxTensor.createTensor(env, slice.asFloatBuffer().put((float[]) data).flip(), shape);
      case DOUBLE -> OnnxTensor.createTensor(env, slice.asDoubleBuffer().put((double[]) data).flip(), shape);
      case INT64 -> OnnxTensor.createTensor(env, slice.asLongBuffer().put((long[]) data).flip(), shape);
      case INT32 -> OnnxTensor.createTensor(env, slice.asIntBuffer().put((int[]) data).flip(), shape);
      case STRING -> throw new IllegalArgumentException("string tensors do not go through the arena");
    };
  }

  private static long bytes(Tensor tensor) {
    if (tensor.type() == Tensor.Type.STRING) {
      return 0;
    }
    return (long) Array.getLength(tensor.unsafeData()) * width(tensor.type());
  }

  private static int width(Tensor.Type type) {
    return switch (type) {
      case FLOAT, INT32 -> 4;
      case DOUBLE, INT64 -> 8;
      case STRING -> 0;
    };
  }
}
