package dev.mlops.core.internal.retrain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.ConflictException;
import dev.mlops.api.IntegrityException;
import dev.mlops.api.InvalidNameException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.Remedy;
import dev.mlops.api.retrain.RequestExpiredException;
import dev.mlops.api.retrain.RequestStatus;
import dev.mlops.api.retrain.RetrainRequest;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.api.storage.ObjectKeys;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.api.storage.StoredBytes;
import dev.mlops.api.storage.VersionToken;
import dev.mlops.core.input.Excerpt;
import dev.mlops.core.internal.json.JsonFields;
import dev.mlops.core.internal.json.StrictJson;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Approval requests, one small document each under {@code refs/retrain/requests/<id>}, changed
 * only by compare-and-set so a decision by one person (or process) is never overwritten by
 * another. A pending request past its expiry reads as expired.
 */
final class RequestStore {
  static final String PREFIX = "refs/retrain/requests/";

  private final ObjectStore store;
  private final Clock clock;

  RequestStore(ObjectStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  static String id(String policy, long seq) {
    return policy + "-" + seq;
  }

  /** Creates the request once; a second call for the same id leaves the first. */
  void create(RetrainRequest request) {
    store.compareAndSet(PREFIX + request.id(), VersionToken.ABSENT, encode(request));
  }

  boolean exists(String id) {
    return store.stat(key(id)).isPresent();
  }

  RetrainRequest get(String id) {
    StoredBytes bytes = store.get(key(id)).orElseThrow(() -> notFound(id));
    return decode(id, bytes.bytes());
  }

  List<RetrainRequest> all() {
    return list(PREFIX);
  }

  /** The policy's requests; the key prefix narrows the listing, the stored policy decides. */
  List<RetrainRequest> ofPolicy(String policy) {
    return list(PREFIX + policy + "-").stream()
        .filter(r -> r.decision().policy().equals(policy)).toList();
  }

  private List<RetrainRequest> list(String prefix) {
    List<RetrainRequest> out = new ArrayList<>();
    try (Stream<ObjectInfo> keys = store.list(prefix)) {
      keys.forEach(info -> store.get(info.key()).ifPresent(bytes ->
          out.add(decode(info.key().substring(PREFIX.length()), bytes.bytes()))));
    }
    out.sort(Comparator.comparing(RetrainRequest::createdAt).thenComparing(RetrainRequest::id));
    return out;
  }

  RetrainRequest decide(String id, RequestStatus status, String by, String reason) {
    if (by.isBlank() || by.length() > 200 || by.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("approver identity must be 1-200 printable characters,"
          + " got '" + by.replaceAll("\\p{Cntrl}", "?") + "'");
    }
    return update(id, current -> {
      if (current.status() == RequestStatus.EXPIRED) {
        throw new RequestExpiredException("Retrain request '" + Excerpt.of(id) + "' expired at "
            + current.expiresAt() + " and can no longer be " + status.name().toLowerCase()
            + "; nothing ran. The policy asks again at its next firing, or run the pipeline by hand");
      }
      if (current.status() != RequestStatus.PENDING) {
        throw new ConflictException("Retrain request '" + Excerpt.of(id) + "' was already "
            + current.status().name().toLowerCase() + " by " + current.decidedBy().orElse("?")
            + " at " + current.decidedAt().map(Instant::toString).orElse("?")
            + "; a decision cannot be changed");
      }
      return new RetrainRequest(id, current.decision(), status, current.createdAt(),
          current.expiresAt(), Optional.of(by), Optional.of(reason), Optional.of(clock.instant()),
          false);
    });
  }

  /** Marks an approved request executed; true only for the one caller that marked it. */
  boolean claimExecution(String id) {
    try {
      update(id, current -> {
        if (current.status() != RequestStatus.APPROVED || current.executed()) {
          throw new ConflictException("not runnable");
        }
        return new RetrainRequest(id, current.decision(), current.status(), current.createdAt(),
            current.expiresAt(), current.decidedBy(), current.reason(), current.decidedAt(), true);
      });
      return true;
    } catch (ConflictException e) {
      return false;
    }
  }

  private RetrainRequest update(String id, UnaryOperator<RetrainRequest> change) {
    while (true) {
      StoredBytes bytes = store.get(key(id)).orElseThrow(() -> notFound(id));
      RetrainRequest next = change.apply(decode(id, bytes.bytes()));
      if (store.compareAndSet(key(id), bytes.token(), encode(next)).isPresent()) {
        return next;
      }
    }
  }

  private static String key(String id) {
    String key = PREFIX + id;
    if (!ObjectKeys.isValidKey(key)) {
      throw notFound(id);
    }
    return key;
  }

  private static NotFoundException notFound(String id) {
    return new NotFoundException("No retrain request '" + Excerpt.of(id) + "' in this store",
        Remedy.LIST_RETRAIN_REQUESTS);
  }

  private static byte[] encode(RetrainRequest r) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("id", r.id());
    node.put("status", r.status() == RequestStatus.EXPIRED ? RequestStatus.PENDING.name() : r.status().name());
    node.put("createdAt", r.createdAt().toString());
    node.put("expiresAt", r.expiresAt().toString());
    Json.putOptional(node, "decidedBy", r.decidedBy());
    Json.putOptional(node, "reason", r.reason());
    Json.putOptional(node, "decidedAt", r.decidedAt());
    node.put("executed", r.executed());
    node.set("decision", DecisionCodec.decisionNode(r.decision()));
    return Json.bytes(node);
  }

  private RetrainRequest decode(String id, byte[] bytes) {
    return decode(id, bytes, clock);
  }

  /** Reads a request strictly; a pending one past its expiry (by {@code clock}) reads as expired. */
  static RetrainRequest decode(String id, byte[] bytes, Clock clock) {
    try {
      JsonFields node = new JsonFields(StrictJson.tree(bytes), PREFIX + id);
      RequestStatus status = node.enumValue("status", RequestStatus.class);
      Instant expiresAt = node.instant("expiresAt");
      if (status == RequestStatus.EXPIRED) {
        throw new IllegalArgumentException("'EXPIRED' is computed on read, never stored");
      }
      if (status == RequestStatus.PENDING && !clock.instant().isBefore(expiresAt)) {
        status = RequestStatus.EXPIRED;
      }
      JsonFields decision = node.object("decision");
      RetrainRequest request = new RetrainRequest(node.text("id"), DecisionCodec.decision(decision),
          status, node.instant("createdAt"), expiresAt, node.optionalText("decidedBy"),
          node.optionalText("reason"), node.optionalInstant("decidedAt"),
          node.bool("executed", null));
      decision.requireNoOthers();
      node.requireNoOthers();
      if (!request.id().equals(id)) {
        throw new IllegalArgumentException("it names request '" + request.id() + "'");
      }
      return request;
    } catch (IllegalArgumentException | DateTimeException | InvalidNameException e) {
      throw new IntegrityException("Retrain request '" + id + "' is damaged (" + e.getMessage()
          + "); restore " + PREFIX + id + " from a backup", e);
    }
  }
}
