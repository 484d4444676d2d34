package dev.mlops.core.internal.gc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.storage.ObjectInfo;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.ChildJvm;
import dev.mlops.core.testing.KillCampaign;
import dev.mlops.core.testing.StoreChecks;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments of a child that makes garbage, commits a version to keep and collects
 * with zero grace, over and over ({@link CollectingChild}, 20 kills). After each kill: the killed
 * collection's state and the killed writer's lease read as held by a process that has ended (so
 * nobody waits for them), the store verifies and nothing reachable is missing, every acknowledged
 * version reads back, and a collection started at once proceeds (it would be refused while the
 * state of a live collection is fresh) and leaves the store intact.
 */
class KilledCollectionCampaignTest {
  private static final int KILLS = 20;

  @TempDir Path dir;

  @Test
  @DisplayName("20 kills during garbage collections: the next collection proceeds at once,"
      + " nothing reachable is lost")
  void killedCollections() throws Exception {
    Assumptions.assumeFalse(ProcessIdentity.current().isEmpty(), "no /proc here");
    Path store = dir.resolve("store");
    Map<String, Long> acked = new HashMap<>();
    KillCampaign.run("garbage collection", KILLS, Duration.ofMillis(2000), dir,
        (round, out) -> ChildJvm.start(CollectingChild.class, out, Map.of(), store.toString(),
            dir.toString(), Long.toString(round * 1000L)),
        (round, lines, tally) -> {
          Map<String, Long> thisRound = new HashMap<>();
          lines.stream().filter(l -> l.startsWith("ACK ")).map(l -> l.split(" "))
              .forEach(ack -> thisRound.put(ack[1], Long.parseLong(ack[2])));
          acked.putAll(thisRound);
          tally.acked(thisRound.size());
          tally.count("collections completed by the children",
              lines.stream().filter(l -> l.startsWith("COLLECTED ")).count());
          try (MlOps mlops = MlOps.local(store)) {
            Optional<CollectorState.Snapshot> state = CollectorState.read(mlops.store());
            if (state.isPresent() && state.get().sweeping()) {
              tally.count("kills mid-collection", 1);
              assertTrue(state.get().doc().holderEnded(), "the killed collection's state reads"
                  + " as held by a live process: " + state.get().doc());
            }
            try (Stream<ObjectInfo> leases = mlops.store().list(WriteLease.PREFIX)) {
              for (ObjectInfo lease : (Iterable<ObjectInfo>) leases::iterator) {
                tally.count("kills mid-write", 1);
                assertTrue(mlops.store().get(lease.key()).map(bytes -> LeaseDoc.decode(
                    bytes.bytes(), lease.key()).holderEnded()).orElse(true),
                    "the killed writer's lease reads as held by a live process: " + lease.key());
              }
            }
            tally.torn(StoreChecks.problems(mlops));
            List<Map.Entry<String, Long>> check = List.copyOf(
                (round == KILLS - 1 ? acked : thisRound).entrySet());
            for (Map.Entry<String, Long> ack : check) {
              if (!readsBack(mlops, ack.getKey(), ack.getValue())) {
                tally.lost("keep@" + ack.getKey() + " (n=" + ack.getValue() + ")");
              }
            }
            // Refused with a ConflictException if the killed collection's state still held it.
            tally.count("objects collected after the kills",
                mlops.inspector().gc(Duration.ZERO, false).collected());
            tally.torn(StoreChecks.problems(mlops));
          }
        });
  }

  private static boolean readsBack(MlOps mlops, String versionId, long n) throws Exception {
    try (InputStream in = mlops.datasets().open("keep@" + versionId, "data.bin")) {
      return Arrays.equals(CollectingChild.data(n), in.readAllBytes());
    } catch (MlOpsException e) {
      return false;
    }
  }
}
