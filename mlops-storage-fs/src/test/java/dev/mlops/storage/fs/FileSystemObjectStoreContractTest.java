package dev.mlops.storage.fs;

import dev.mlops.api.storage.ObjectStore;
import dev.mlops.conformance.ObjectStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

// docs/architecture.md shows this class as the way a store uses the conformance kit.
// snippet:fs-contract-test
/** The file-system store passes the conformance kit's examples, large objects included. */
class FileSystemObjectStoreContractTest extends ObjectStoreContract {
  @TempDir Path dir;

  @Override
  protected ObjectStore newStore() throws Exception {
    return FileSystemObjectStore.open(Files.createTempDirectory(dir, "store"));
  }
}
// end:fs-contract-test
