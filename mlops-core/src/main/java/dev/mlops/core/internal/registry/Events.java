package dev.mlops.core.internal.registry;

import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.registry.PromotionRequest;
import dev.mlops.api.registry.RegistryListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers registry events to listeners; what a listener throws is logged and contained. */
final class Events implements RegistryListener {
  private static final Logger LOG = LoggerFactory.getLogger(Events.class);

  private final List<RegistryListener> listeners = new CopyOnWriteArrayList<>();

  void add(RegistryListener listener) {
    listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
  }

  void remove(RegistryListener listener) {
    listeners.remove(listener);
  }

  @Override
  public void versionRegistered(ModelVersion version) {
    deliver("versionRegistered", l -> l.versionRegistered(version));
  }

  @Override
  public void aliasMoved(AliasMove move) {
    deliver("aliasMoved", l -> l.aliasMoved(move));
  }

  @Override
  public void promotionRequested(PromotionRequest request) {
    deliver("promotionRequested", l -> l.promotionRequested(request));
  }

  @Override
  public void promotionApproved(PromotionRequest request) {
    deliver("promotionApproved", l -> l.promotionApproved(request));
  }

  @Override
  public void promotionRejected(PromotionRequest request) {
    deliver("promotionRejected", l -> l.promotionRejected(request));
  }

  private void deliver(String event, Consumer<RegistryListener> call) {
    for (RegistryListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn("registry listener {} threw on {}; ignored", listener, event, e);
      }
    }
  }
}
