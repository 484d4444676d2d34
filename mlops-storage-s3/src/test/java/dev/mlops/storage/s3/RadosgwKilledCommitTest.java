package dev.mlops.storage.s3;

import dev.mlops.core.MlOps;
import dev.mlops.core.testing.KilledCommits;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill -9 commit campaign ({@link KilledCommits}, 20 kills on the file store in mlops-core) on
 * Ceph's radosgw 16 ({@link Radosgw}): a child JVM committing dataset versions through the gateway
 * is killed with SIGKILL at a random moment; afterwards the store verifies, the head is a whole
 * version (the old or the new one), every acknowledged version reads back and is in the head's
 * history, and a zero-grace collection removes the killed commit's leftovers. Three kills, to keep
 * the suite short: the campaign's breadth is the file store's; this run shows that the S3 store's
 * conditional writes give the same outcome on a real S3 server.
 */
@ExtendWith(RadosgwExtension.class)
class RadosgwKilledCommitTest {
  private static final int KILLS = 3;

  @TempDir Path dir;

  @Test
  @DisplayName("3 kills -9 during dataset commits through radosgw: the store verifies, the head is"
      + " whole, no acknowledged version lost")
  void killedCommitsOnRadosgw() throws Exception {
    String prefix = "rgw-killed-commit-" + ProcessHandle.current().pid();
    try (S3ObjectStore store = S3TestServer.storeBuilder(Radosgw.endpoint()).prefix(prefix)
        .build()) {
      // the S3 store writes no temporary files beside the bucket: nothing more to check
      KilledCommits.run(Radosgw.childUri(prefix), Radosgw.childEnvironment(),
          () -> MlOps.builder().store(store).build(), KILLS, dir, tally -> { });
    }
  }
}
