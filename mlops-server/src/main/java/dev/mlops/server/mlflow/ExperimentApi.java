package dev.mlops.server.mlflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.server.http.WebRequest;
import dev.mlops.server.http.WebResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** MLflow's experiment endpoints. */
final class ExperimentApi {
  private static final Set<String> ATTRIBUTES = Set.of("name", "creation_time", "last_update_time", "experiment_id");
  private static final Set<String> TIME_ATTRIBUTES = Set.of("creation_time", "last_update_time");

  private final Experiments experiments;

  ExperimentApi(Experiments experiments) {
    this.experiments = experiments;
  }

  void create(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    String id = experiments.create(params.required("name"), params.objects("tags"));
    Json.send(response, Json.object().put("experiment_id", id));
  }

  void get(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    send(response, experiments.require(params.required("experiment_id")));
  }

  void getByName(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    send(response, experiments.byName(params.required("experiment_name")));
  }

  void delete(WebRequest request, WebResponse response) throws IOException {
    String id = Params.of(request).required("experiment_id");
    if (id.equals(Experiments.DEFAULT_ID)) {
      throw ApiError.invalid("Cannot delete the default experiment '" + Experiments.DEFAULT_ID + "'. This is an"
          + " internally reserved experiment.");
    }
    experiments.setLifecycle(id, "deleted");
    Json.sendEmpty(response);
  }

  void restore(WebRequest request, WebResponse response) throws IOException {
    experiments.setLifecycle(Params.of(request).required("experiment_id"), "active");
    Json.sendEmpty(response);
  }

  void update(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    ObjectNode doc = experiments.require(params.required("experiment_id"));
    String newName = params.text("new_name");
    if (newName != null && !newName.isEmpty() && !newName.equals(doc.path("name").asText())) {
      experiments.rename(params.required("experiment_id"), newName);
    }
    Json.sendEmpty(response);
  }

  void setTag(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    String key = Limits.key("tag", params.node());
    experiments.setTag(params.required("experiment_id"), key,
        Limits.value("Tag value", Limits.MAX_TAG_VALUE_LENGTH, params.node()));
    Json.sendEmpty(response);
  }

  void search(WebRequest request, WebResponse response) throws IOException {
    Params params = Params.of(request);
    SearchFilter filter = SearchFilter.parse(params.text("filter"), TIME_ATTRIBUTES, ATTRIBUTES);
    int max = Limits.maxResults(params, 1000);
    String view = params.text("view_type", "ACTIVE_ONLY").toUpperCase(Locale.ROOT);
    List<SearchFilter.Order> orders = new ArrayList<>();
    for (String order : params.list("order_by")) {
      orders.add(SearchFilter.order(order, ATTRIBUTES));
    }
    List<ObjectNode> matches = new ArrayList<>();
    for (ObjectNode doc : experiments.all()) {
      boolean deleted = doc.path("lifecycle_stage").asText().equals("deleted");
      boolean wanted = switch (view) {
        case "DELETED_ONLY" -> deleted;
        case "ALL" -> true;
        default -> !deleted;
      };
      if (wanted && filter.matches((entity, key) -> field(doc, entity, key))) {
        matches.add(doc);
      }
    }
    Comparator<ObjectNode> comparator = (a, b) -> 0;
    for (SearchFilter.Order order : orders) {
      comparator = comparator.thenComparing((a, b) -> {
        Object x = field(a, order.entity(), order.key());
        Object y = field(b, order.entity(), order.key());
        if (x == null || y == null) {
          return x == null ? (y == null ? 0 : 1) : -1;
        }
        int c = x instanceof Double dx && y instanceof Double dy ? Double.compare(dx, dy)
            : x.toString().compareTo(y.toString());
        return order.ascending() ? c : -c;
      });
    }
    matches.sort(comparator);
    int offset = PageToken.offset(params.text("page_token"));
    int end = (int) Math.min(matches.size(), (long) offset + max);
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("experiments");
    for (int i = offset; i < end; i++) {
      list.add(Experiments.toJson(matches.get(i)));
    }
    if (end < matches.size()) {
      body.put("next_page_token", PageToken.of(end));
    }
    Json.send(response, body);
  }

  private static Object field(ObjectNode doc, String entity, String key) {
    if (entity.equals("tags")) {
      return doc.path("tags").has(key) ? doc.path("tags").path(key).asText() : null;
    }
    if (!entity.equals("attributes")) {
      throw ApiError.invalid("Invalid entity type '" + entity + "' for an experiment search: use attributes or tags");
    }
    return TIME_ATTRIBUTES.contains(key) ? (Object) (double) doc.path(key).asLong() : doc.path(key).asText();
  }

  private static void send(WebResponse response, ObjectNode doc) throws IOException {
    ObjectNode body = Json.object();
    body.set("experiment", Experiments.toJson(doc));
    Json.send(response, body);
  }
}
