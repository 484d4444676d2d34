package dev.mlops.server.mlflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.experiment.ExperimentLogger;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.experiment.RunQuery;
import dev.mlops.server.http.WebRequest;
import dev.mlops.server.http.WebResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code runs/search}: our search lists each experiment's runs, then MLflow's filter, view type,
 * order and page apply here.
 */
final class RunSearch {
  private static final int DEFAULT_MAX_RESULTS = 1000;

  private final ExperimentLogger logger;
  private final Experiments experiments;
  private final LiveRuns live;
  private final MetaStore meta;

  RunSearch(ExperimentLogger logger, Experiments experiments, LiveRuns live, MetaStore meta) {
    this.logger = logger;
    this.experiments = experiments;
    this.live = live;
    this.meta = meta;
  }

  private record Candidate(RunInfo info, String experimentId, RunJson.Overlay overlay) {}

  void search(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    SearchFilter filter = SearchFilter.parse(params.text("filter"), RunJson.TIME_ATTRIBUTES, RunJson.ATTRIBUTES);
    int max = Limits.maxResults(params, DEFAULT_MAX_RESULTS);
    String view = params.text("run_view_type", "ACTIVE_ONLY").toUpperCase(Locale.ROOT);
    if (!List.of("ACTIVE_ONLY", "DELETED_ONLY", "ALL").contains(view)) {
      throw ApiError.invalid("Invalid run_view_type '" + view + "': use ACTIVE_ONLY, DELETED_ONLY or ALL");
    }
    List<SearchFilter.Order> orders = new ArrayList<>();
    for (String order : params.list("order_by")) {
      orders.add(SearchFilter.order(order, RunJson.ATTRIBUTES));
    }
    int offset = PageToken.offset(params.text("page_token"));
    live.flushAll();
    Map<String, RunJson.Overlay> overlays = overlays();
    List<Candidate> matches = new ArrayList<>();
    for (String experimentId : params.list("experiment_ids")) {
      String name = experiments.require(experimentId).path("name").asText();
      RunQuery query = RunQuery.experiment(name);
      String pushed = filter.pushdown();
      for (RunInfo info : logger.search(pushed == null ? query : query.where(pushed))) {
        RunJson.Overlay overlay = overlays.getOrDefault(info.id(), RunJson.Overlay.NONE);
        boolean wanted = switch (view) {
          case "ACTIVE_ONLY" -> !overlay.deleted();
          case "DELETED_ONLY" -> overlay.deleted();
          default -> true;
        };
        if (wanted && filter.matches((entity, key) -> RunJson.field(info, experimentId, overlay, entity, key))) {
          matches.add(new Candidate(info, experimentId, overlay));
        }
      }
    }
    matches.sort(order(orders));
    ObjectNode body = Json.object();
    ArrayNode runs = body.putArray("runs");
    int end = (int) Math.min(matches.size(), (long) offset + max);
    for (int i = offset; i < end; i++) {
      Candidate c = matches.get(i);
      runs.add(RunJson.run(c.info, c.experimentId, c.overlay, null));
    }
    if (end < matches.size()) {
      body.put("next_page_token", PageToken.of(end));
    }
    Json.send(response, body);
  }

  /** Every run's MLflow overlay: few runs have one (deleted, tags removed, datasets logged). */
  private Map<String, RunJson.Overlay> overlays() {
    Map<String, RunJson.Overlay> overlays = new HashMap<>();
    for (String key : meta.list("runs/")) {
      String runId = key.substring("runs/".length(), key.length() - ".json".length());
      meta.read(key).ifPresent(doc -> overlays.put(runId, Runs.overlay(doc)));
    }
    return overlays;
  }

  /** The orders asked for, then MLflow's default: newest first, then by id. Missing values sort last. */
  private static Comparator<Candidate> order(List<SearchFilter.Order> orders) {
    Comparator<Candidate> comparator = (a, b) -> 0;
    for (SearchFilter.Order order : orders) {
      comparator = comparator.thenComparing((a, b) -> {
        Object x = RunJson.field(a.info, a.experimentId, a.overlay, order.entity(), order.key());
        Object y = RunJson.field(b.info, b.experimentId, b.overlay, order.entity(), order.key());
        if (x == null || y == null) {
          return x == null ? (y == null ? 0 : 1) : -1;
        }
        int c = x instanceof Double dx && y instanceof Double dy ? Double.compare(dx, dy)
            : x.toString().compareTo(y.toString());
        return order.ascending() ? c : -c;
      });
    }
    return comparator
        .thenComparing((Candidate c) -> c.info.startedAt(), Comparator.reverseOrder())
        .thenComparing(c -> c.info.id());
  }
}
