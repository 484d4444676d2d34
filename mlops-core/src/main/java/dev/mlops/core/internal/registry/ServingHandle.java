package dev.mlops.core.internal.registry;

import dev.mlops.api.registry.InvalidModelException;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.ModelSignature;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.registry.Prediction;
import dev.mlops.api.registry.Tensor;
import dev.mlops.core.internal.onnx.OnnxRunner;
import dev.mlops.core.internal.onnx.SharedSession;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A handle on one version, or following an alias. The current {@link Lease} is swapped atomically;
 * a prediction retains the lease's session for its duration, so a swap never closes a session under
 * a running prediction: the old session closes when its last user releases it.
 */
final class ServingHandle implements ModelHandle {
  private static final Logger LOG = LoggerFactory.getLogger(ServingHandle.class);

  /** What a prediction runs on: a version and its session, of which the handle holds a reference. */
  record Lease(ModelVersion version, ModelSignature signature, SharedSession session, String label) {
    Lease(ModelVersion version, ModelSignature signature, SharedSession session) {
      // The label names the model in error messages; built once here, not on every prediction.
      this(version, signature, session, version.toString());
    }
  }

  /** Where the alias pointed at history position {@code seq} (the model's log sequence number). */
  record Target(ModelVersion version, long seq) {}

  private final Reference reference;
  private final Serving serving;
  private final Executor executor;
  private final long pollNanos;
  private final AtomicReference<@Nullable Lease> current;
  private final AtomicBoolean polling = new AtomicBoolean();
  private volatile long nextPoll;
  /** The history position the lease reflects; guarded by this. Older news (a slow poll) is ignored. */
  private long followedSeq = -1;

  ServingHandle(Reference reference, Lease first, Serving serving, Executor executor, long pollNanos) {
    this.reference = reference;
    this.serving = serving;
    this.executor = executor;
    this.pollNanos = pollNanos;
    this.current = new AtomicReference<>(first);
    this.nextPoll = System.nanoTime() + pollNanos;
  }

  @Override
  public String reference() {
    return reference.toString();
  }

  Reference parsed() {
    return reference;
  }

  @Override
  public ModelVersion version() {
    return lease().version();
  }

  @Override
  public Prediction predict(Tensor input) {
    Lease lease = lease();
    if (lease.signature().inputs().size() != 1) {
      throw new InvalidModelException(lease.version() + " has " + lease.signature().inputs().size()
          + " inputs " + lease.signature().inputs() + "; pass them by name with predict(Map)");
    }
    return predict(Map.of(lease.signature().inputs().get(0).name(), input));
  }

  @Override
  public Prediction predict(Map<String, Tensor> inputs) {
    pollIfDue();
    Lease lease = retain();
    try {
      return new Prediction(lease.version(),
          OnnxRunner.run(lease.session().session(), lease.signature(), inputs, lease.label()));
    } finally {
      lease.session().release();
    }
  }

  /** Takes a reference on the current lease's session; retries if a swap released it meanwhile. */
  private Lease retain() {
    while (true) {
      Lease lease = lease();
      if (lease.session().tryRetain()) {
        return lease;
      }
    }
  }

  private Lease lease() {
    Lease lease = current.get();
    if (lease == null) {
      throw new IllegalStateException("handle on " + reference + " is closed; load the model again");
    }
    return lease;
  }

  /**
   * Serves the target's version from now on, unless the handle already reflects a later history
   * position: a poll that read the store before an in-process move finishes after it, and must not
   * swap back. The old session closes after its last user.
   */
  synchronized void swapTo(Target target) {
    Lease old = current.get();
    if (old == null || target.seq() <= followedSeq) {
      return;
    }
    if (old.version().version() != target.version().version()) {
      Lease next = serving.lease(target.version()); // if this fails, followedSeq stays and the next poll retries
      current.set(next);
      old.session().release();
    }
    followedSeq = target.seq();
  }

  private void pollIfDue() {
    if (!reference.followsAlias() || System.nanoTime() - nextPoll < 0 || !polling.compareAndSet(false, true)) {
      return;
    }
    executor.execute(() -> {
      try {
        serving.resolveQuietly(reference).ifPresent(this::swapTo);
      } catch (RuntimeException e) {
        LOG.warn("could not follow {}; still serving {}", reference, current.get(), e);
      } finally {
        nextPoll = System.nanoTime() + pollNanos;
        polling.set(false);
      }
    });
  }

  @Override
  public synchronized void close() {
    Lease lease = current.getAndSet(null);
    if (lease != null) {
      serving.forget(this);
      lease.session().release();
    }
  }
}
