package dev.mlops.core.internal.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.api.IntegrityException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;

/**
 * The small JSON documents of the collector's state and of writers' leases: who holds it (a
 * random id, host and process, for messages), what for, and a renewal counter (so that every
 * renewal writes different bytes).
 *
 * @param phase {@code sweeping} or {@code idle} for the collector, {@code writing} for a writer
 * @param holder the holder's random id
 * @param purpose what the holder does, for messages
 * @param host the holder's host name
 * @param pid the holder's process id
 * @param process the holder's {@link ProcessIdentity}, "" where unknown
 * @param renewal how often the holder renewed it
 */
record LeaseDoc(String phase, String holder, String purpose, String host, long pid, String process,
    long renewal) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS = Set.of("phase", "holder", "purpose", "host", "pid", "process", "renewal");
  private static final String HOST = hostName();

  static LeaseDoc of(String phase, String holder, String purpose) {
    return new LeaseDoc(phase, holder, purpose, HOST, ProcessHandle.current().pid(),
        ProcessIdentity.current(), 0);
  }

  LeaseDoc renewed() {
    return new LeaseDoc(phase, holder, purpose, host, pid, process, renewal + 1);
  }

  LeaseDoc withPhase(String newPhase) {
    return new LeaseDoc(newPhase, holder, purpose, host, pid, process, renewal + 1);
  }

  /** Tells whether its holder was a process of this machine that has ended (killed, crashed). */
  boolean holderEnded() {
    return ProcessIdentity.ended(process);
  }

  byte[] encode() {
    ObjectNode node = JSON.createObjectNode();
    node.put("phase", phase).put("holder", holder).put("purpose", purpose).put("host", host)
        .put("pid", pid).put("process", process).put("renewal", renewal);
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  static LeaseDoc decode(byte[] bytes, String key) {
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new IOException("not a JSON object");
      }
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!FIELDS.contains(name)) {
          throw new IOException("unknown field '" + name + "'");
        }
      }
      return new LeaseDoc(text(node, "phase"), text(node, "holder"), text(node, "purpose"),
          text(node, "host"), number(node, "pid"), text(node, "process"), number(node, "renewal"));
    } catch (IOException e) {
      throw new IntegrityException("The garbage collector's lease document '" + key + "' is damaged ("
          + e.getMessage() + "); delete it once no collection and no write is running, then retry");
    }
  }

  /** Says who holds it, for messages. */
  String describe() {
    return purpose + " (host " + host + ", process " + pid + ")";
  }

  private static String text(JsonNode node, String field) throws IOException {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IOException("field '" + field + "' is missing or not text");
    }
    return value.textValue();
  }

  private static long number(JsonNode node, String field) throws IOException {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToExactIntegral() || !value.isIntegralNumber()) {
      throw new IOException("field '" + field + "' is missing or not a whole number");
    }
    return value.longValue();
  }

  private static String hostName() {
    String env = System.getenv("HOSTNAME"); // set on most Linux hosts; spares a name lookup
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException | SecurityException e) {
      return "unknown";
    }
  }
}
