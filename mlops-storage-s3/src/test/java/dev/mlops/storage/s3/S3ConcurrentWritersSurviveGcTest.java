package dev.mlops.storage.s3;

import dev.mlops.core.MlOps;
import dev.mlops.core.testing.GcRace;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GcRace} on S3: S3Proxy in this JVM (behind the test's atomic conditional writes and flat
 * keys), collections with zero grace in this JVM, in a loop, while four writers in two other JVMs,
 * connected over HTTP, write overlapping content for 30 s. No ref ever reaches a missing object,
 * and every acknowledged write reads back.
 */
class S3ConcurrentWritersSurviveGcTest {
  @TempDir Path dir;

  @Test
  @DisplayName("GC in a loop with zero grace while 4 writers in 2 JVMs write overlapping content"
      + " to one bucket for 30 s: nothing acknowledged is lost")
  void collectorRacesWritersOnS3() throws Exception {
    try (S3TestServer server = S3TestServer.start();
        S3ObjectStore store = S3TestServer.storeBuilder(server.endpoint()).prefix("gc-race")
            .build();
        MlOps mlops = MlOps.builder().store(store).build()) {
      String childUri = "s3://" + S3TestServer.BUCKET + "/gc-race?pathStyle=true&endpoint="
          + URLEncoder.encode(server.endpoint().toString(), StandardCharsets.UTF_8);
      GcRace.run(mlops, childUri, Map.of("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY,
              "AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY, "AWS_REGION", "us-east-1"),
          Files.createDirectories(dir.resolve("work")), Duration.ofSeconds(30));
    }
  }
}
