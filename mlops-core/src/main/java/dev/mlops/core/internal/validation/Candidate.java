package dev.mlops.core.internal.validation;

import dev.mlops.api.validation.MetaMetrics;
import dev.mlops.api.validation.Predictor;
import dev.mlops.api.validation.ValidationRequest;
import dev.mlops.core.internal.onnx.OnnxPredictor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model under test, ready to predict. An ONNX candidate is loaded here, timed from the bytes in
 * memory to a ready session, with the memory probe started before the load so the session's native
 * allocations count; it is closed with this object. A host predictor is used as given.
 */
final class Candidate implements AutoCloseable {
  final Predictor predictor;
  final MemoryProbe probe;
  final Map<String, Double> loadMetrics = new LinkedHashMap<>();
  private final AutoCloseable owned;

  private Candidate(Predictor predictor, MemoryProbe probe, AutoCloseable owned) {
    this.predictor = predictor;
    this.probe = probe;
    this.owned = owned;
  }

  static Candidate of(ValidationRequest request) {
    if (request.candidate().isPresent()) {
      return new Candidate(request.candidate().get(), MemoryProbe.start(), () -> { });
    }
    var model = request.candidateModel().orElseThrow();
    byte[] bytes = model.bytes();
    MemoryProbe probe = MemoryProbe.start();
    long start = System.nanoTime();
    OnnxPredictor predictor = OnnxPredictor.of(bytes, model.label());
    double loadMillis = (System.nanoTime() - start) / 1e6;
    Candidate candidate = new Candidate(predictor, probe, predictor);
    candidate.loadMetrics.put(MetaMetrics.LOAD_TIME, loadMillis);
    candidate.loadMetrics.put(MetaMetrics.ARTIFACT_SIZE, (double) bytes.length);
    return candidate;
  }

  @Override
  public void close() {
    try {
      owned.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not close the candidate model: " + e.getMessage(), e);
    }
  }
}
