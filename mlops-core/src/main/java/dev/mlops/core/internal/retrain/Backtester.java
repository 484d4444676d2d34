package dev.mlops.core.internal.retrain;

import dev.mlops.api.retrain.BacktestReport;
import dev.mlops.api.retrain.Detection;
import dev.mlops.api.retrain.RetrainDecision;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.RetrainSignals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Replays windows through {@link PolicyEngine} in memory and scores it against true changes. */
final class Backtester {
  private Backtester() {}

  static BacktestReport run(RetrainPolicyConfig config, List<RetrainSignals> windows,
      List<Instant> changePoints) {
    for (int i = 1; i < changePoints.size(); i++) {
      if (!changePoints.get(i).isAfter(changePoints.get(i - 1))) {
        throw new IllegalArgumentException("change points must be in strictly increasing time order;"
            + " got " + changePoints.get(i - 1) + " then " + changePoints.get(i));
      }
    }
    PolicyState state = PolicyState.INITIAL;
    List<RetrainDecision> decisions = new ArrayList<>();
    List<Instant> retrains = new ArrayList<>();
    for (int i = 0; i < windows.size(); i++) {
      RetrainSignals window = windows.get(i);
      if (state.lastAt().isPresent() && !window.at().isAfter(state.lastAt().get())) {
        throw new IllegalArgumentException("window " + (i + 1) + " at " + window.at()
            + " is not after the previous window " + state.lastAt().get() + "; sort the stream by time");
      }
      PolicyEngine.Outcome outcome = PolicyEngine.evaluate(config, state, window, i + 1);
      state = outcome.state();
      decisions.add(outcome.decision());
      if (outcome.decision().fired()) {
        retrains.add(window.at());
      }
    }
    Instant end = windows.isEmpty() ? Instant.EPOCH : windows.get(windows.size() - 1).at();
    List<Detection> detections = new ArrayList<>();
    Duration underDrift = Duration.ZERO;
    int answered = 0;
    for (int c = 0; c < changePoints.size(); c++) {
      Instant change = changePoints.get(c);
      Instant next = c + 1 < changePoints.size() ? changePoints.get(c + 1) : Instant.MAX;
      Optional<Instant> first = retrains.stream()
          .filter(t -> !t.isBefore(change) && t.isBefore(next)).findFirst();
      first.ifPresent(t -> detections.add(new Detection(change, first, Optional.of(Duration.between(change, t)))));
      if (first.isEmpty()) {
        detections.add(new Detection(change, Optional.empty(), Optional.empty()));
      }
      answered += first.isPresent() ? 1 : 0;
      Instant stop = first.orElse(next.isBefore(end) ? next : end);
      if (stop.isAfter(change)) {
        underDrift = underDrift.plus(Duration.between(change, stop));
      }
    }
    return new BacktestReport(config.name(), windows.size(), retrains, detections,
        retrains.size() - answered, underDrift, decisions);
  }
}
