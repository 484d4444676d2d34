package dev.mlops.conformance;

import dev.mlops.api.storage.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The examples every {@link ObjectStore} must pass. An implementation's test extends this class
 * and implements {@link #newStore()}; the kit opens one store before each test and closes every
 * store it opened after it.
 *
 * <pre>{@code
 * class MyObjectStoreContractTest extends ObjectStoreContract {
 *   @TempDir Path dir;
 *
 *   @Override
 *   protected ObjectStore newStore() throws IOException {
 *     return MyObjectStore.open(Files.createTempDirectory(dir, "store"));
 *   }
 * }
 * }</pre>
 *
 * <p>The invariants that hold for any input are checked separately, as jqwik properties, by
 * {@link ObjectStoreProperties}.
 */
public abstract class ObjectStoreContract {
  /** The default size of the large-object test: 300 MiB. */
  public static final long DEFAULT_LARGE_OBJECT_SIZE = 300L * 1024 * 1024;
  /** The default number of increments each of the 8 threads of the counter test makes: 500. */
  public static final int DEFAULT_COUNTER_INCREMENTS = 500;
  /** The fewest increments per thread the counter test accepts: 100. */
  public static final int MIN_COUNTER_INCREMENTS = 100;

  private final List<ObjectStore> opened = new ArrayList<>();
  private ObjectStore store;

  /** Creates the kit; subclasses are instantiated by JUnit. */
  protected ObjectStoreContract() {}

  /**
   * Returns a new, open, empty store. Called once before each test, and again by tests that need
   * more than one store; the kit closes it.
   *
   * @return a fresh empty store
   * @throws Exception if the store cannot be created
   */
  protected abstract ObjectStore newStore() throws Exception;

  /**
   * Returns the size of the object the large-object test streams in and out. Defaults to
   * {@link #DEFAULT_LARGE_OBJECT_SIZE}; a store that holds content in memory by design may return
   * less.
   *
   * @return the size in bytes
   */
  protected long largeObjectSize() {
    return DEFAULT_LARGE_OBJECT_SIZE;
  }

  /**
   * Returns how many read-CAS-retry increments each of the 8 threads of the linearizability test
   * makes on one counter. Defaults to {@link #DEFAULT_COUNTER_INCREMENTS}; a store whose
   * compare-and-set costs a network round trip may return less, down to {@link
   * #MIN_COUNTER_INCREMENTS} (fewer would hardly race), to keep its suite short.
   *
   * @return the increments per thread
   */
  protected int counterIncrements() {
    return DEFAULT_COUNTER_INCREMENTS;
  }

  /**
   * Tells whether the large-object test asserts that heap use stays flat while streaming. Defaults
   * to {@code true}; a store that holds content in memory by design returns {@code false}.
   *
   * @return {@code true} to assert flat memory
   */
  protected boolean streamsWithFlatMemory() {
    return true;
  }

  /**
   * Returns the store opened for the current test.
   *
   * @return the store under test
   */
  protected final ObjectStore store() {
    return store;
  }

  /**
   * Opens another store with {@link #newStore()}; the kit closes it after the test.
   *
   * @return a fresh empty store
   * @throws Exception if the store cannot be created
   */
  protected final ObjectStore openStore() throws Exception {
    ObjectStore created = newStore();
    opened.add(created);
    return created;
  }

  @BeforeEach
  final void openStoreUnderTest() throws Exception {
    store = openStore();
  }

  @AfterEach
  final void closeStores() {
    RuntimeException failure = null;
    for (ObjectStore each : opened) {
      try {
        each.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    opened.clear();
    if (failure != null) {
      throw failure;
    }
  }

  @Nested
  @DisplayName("round trips")
  class RoundTrips extends RoundTripTests {
    @Override
    ObjectStoreContract kit() {
      return ObjectStoreContract.this;
    }
  }

  @Nested
  @DisplayName("large objects")
  class LargeObjects extends LargeObjectTests {
    @Override
    ObjectStoreContract kit() {
      return ObjectStoreContract.this;
    }
  }

  @Nested
  @DisplayName("listing")
  class Listing extends ListingTests {
    @Override
    ObjectStoreContract kit() {
      return ObjectStoreContract.this;
    }
  }

  @Nested
  @DisplayName("the key rule")
  class KeyRule extends KeyRuleTests {
    @Override
    ObjectStoreContract kit() {
      return ObjectStoreContract.this;
    }
  }

  @Nested
  @DisplayName("putIfAbsent")
  class PutIfAbsent extends PutIfAbsentTests {
    @Override
    ObjectStoreContract kit() {
      return ObjectStoreContract.this;
    }
  }

  @Nested
  @DisplayName("compareAndSet")
  class CompareAndSet extends CompareAndSetTests {
    @Override
    ObjectStoreContract kit() {
      return ObjectStoreContract.this;
    }
  }

  @Nested
  @DisplayName("delete and stat")
  class DeleteAndStat extends DeleteAndStatTests {
    @Override
    ObjectStoreContract kit() {
      return ObjectStoreContract.this;
    }
  }

  @Nested
  @DisplayName("lifecycle")
  class Lifecycle extends LifecycleTests {
    @Override
    ObjectStoreContract kit() {
      return ObjectStoreContract.this;
    }
  }
}
