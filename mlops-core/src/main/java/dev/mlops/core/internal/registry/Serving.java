package dev.mlops.core.internal.registry;

import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.InvalidModelException;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.core.internal.onnx.SessionCache;
import dev.mlops.core.internal.onnx.SharedSession;
import dev.mlops.core.internal.registry.Docs.FileDoc;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serving: handles on versions or aliases, over ONNX Runtime sessions shared through one
 * {@link SessionCache}. Handles that follow an alias are swapped at once for moves made in this
 * process ({@link #follow}) and by their own polls for moves made elsewhere.
 */
final class Serving implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Serving.class);

  private final Versions versions;
  private final ModelLogs logs;
  private final Executor executor;
  private final SessionCache sessions;
  private final Duration pollPeriod;
  private final Set<ServingHandle> handles = ConcurrentHashMap.newKeySet();

  Serving(Versions versions, ModelLogs logs, Executor executor, long cacheBytes, Duration pollPeriod) {
    this.versions = versions;
    this.logs = logs;
    this.executor = executor;
    this.sessions = new SessionCache(ServingSettings.requireCacheBytes(cacheBytes, "cacheBytes"));
    this.pollPeriod = ServingSettings.requirePollPeriod(pollPeriod, "pollPeriod");
  }

  Duration pollPeriod() {
    return pollPeriod;
  }

  SessionCache sessions() {
    return sessions;
  }

  ModelHandle load(Reference parsed, Function<Reference, ModelVersion> resolve) {
    ModelVersion version = resolve.apply(parsed);
    ServingHandle handle = new ServingHandle(parsed, lease(version), this, executor, pollPeriod.toNanos());
    handles.add(handle);
    if (parsed.followsAlias()) {
      // A move committed between the resolve above and the add did not see this handle.
      resolveQuietly(parsed).ifPresent(handle::swapTo);
    }
    return handle;
  }

  /** Resolves an alias from the store, with the history position it was read at; empty if it points nowhere now. */
  Optional<ServingHandle.Target> resolveQuietly(Reference reference) {
    ModelState state = logs.state(reference.model());
    Integer version = state.aliases.get(reference.alias());
    return version == null ? Optional.empty() : Optional.of(new ServingHandle.Target(
        Versions.toVersion(versions.read(reference.model(), version)), state.seq));
  }

  /** A session for {@code version}, verified and retained for the caller. */
  ServingHandle.Lease lease(ModelVersion version) {
    if (version.format() != ModelFormat.ONNX || version.signature().isEmpty()) {
      throw new InvalidModelException(version + " is registered as " + version.format() + "; only ONNX models can be"
          + " served in process. Check it out with checkout(...) and load it yourself");
    }
    FileDoc file = Versions.modelFile(versions.read(version.model(), version.version()));
    SharedSession session = sessions.acquire(file.sha256, file.size,
        () -> versions.readModel(version), version.toString());
    return new ServingHandle.Lease(version, version.signature().get(), session);
  }

  void forget(ServingHandle handle) {
    handles.remove(handle);
  }

  /** Swaps the in-process handles that follow a moved alias at once; {@code seq} is the move's history position. */
  void follow(AliasMove move, long seq) {
    if (move.to().isEmpty()) {
      return;
    }
    for (ServingHandle handle : handles) {
      Reference followed = handle.parsed();
      if (followed.followsAlias() && followed.model().equals(move.model()) && followed.alias().equals(move.alias())) {
        try {
          handle.swapTo(new ServingHandle.Target(Versions.toVersion(versions.read(move.model(), move.to().getAsInt())),
              seq));
        } catch (RuntimeException e) {
          LOG.warn("handle on {} could not load {}; it keeps serving {}", followed, move, handle.version(), e);
        }
      }
    }
  }

  /** Closes every open handle and the session cache. Idempotent. */
  @Override
  public void close() {
    for (ServingHandle handle : List.copyOf(handles)) {
      handle.close();
    }
    sessions.close();
  }
}
