package dev.mlops.storage.s3;

import dev.mlops.core.MlOps;
import dev.mlops.core.testing.GcRace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GcRace} on Ceph's radosgw 16 ({@link Radosgw}): four writers in two other JVMs write
 * overlapping content (dataset commits, runs, model versions) to one bucket through the gateway
 * while this JVM collects garbage with zero grace in a loop; the children open the store from a
 * URI with only the endpoint and path style, as users do. No ref ever reaches a missing object,
 * and every acknowledged write reads back. 10 s of writing, a third of the S3Proxy run ({@link
 * S3ConcurrentWritersSurviveGcTest}), to keep the suite short.
 */
@ExtendWith(RadosgwExtension.class)
class RadosgwConcurrentWritersTest {
  @TempDir Path dir;

  @Test
  @DisplayName("GC in a loop with zero grace while 4 writers in 2 JVMs write overlapping content"
      + " through radosgw for 10 s: nothing acknowledged is lost")
  void collectorRacesWritersOnRadosgw() throws Exception {
    String prefix = "rgw-gc-race-" + ProcessHandle.current().pid();
    try (S3ObjectStore store = S3TestServer.storeBuilder(Radosgw.endpoint()).prefix(prefix)
            .build();
        MlOps mlops = MlOps.builder().store(store).build()) {
      GcRace.run(mlops, Radosgw.childUri(prefix), Radosgw.childEnvironment(),
          Files.createDirectories(dir.resolve("work")), Duration.ofSeconds(10));
    }
  }
}
