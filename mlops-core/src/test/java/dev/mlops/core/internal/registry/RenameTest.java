package dev.mlops.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.ConflictException;
import dev.mlops.api.GateFailedException;
import dev.mlops.api.InvalidNameException;
import dev.mlops.api.NotFoundException;
import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.AliasPolicy;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.registry.PromotionRequest;
import dev.mlops.api.registry.Tensor;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenameTest {
  @TempDir Path dir;
  RegistryFixture fx;

  @AfterEach
  void close() {
    if (fx != null) {
      fx.close();
    }
  }

  private void churnWithThreeVersions() {
    fx = new RegistryFixture(InMemoryObjectStore.create(), dir);
    for (int i = 0; i < 3; i++) {
      fx.register("churn", i);
    }
    fx.moveAlias("churn", "staging", 1);
    fx.moveAlias("churn", "staging", 3);
    fx.registry.moveAliases("churn", Map.of("production", 2), "ana", "first rollout");
  }

  @Test
  void versionsAliasesAndHistoryMoveToTheNewName() {
    churnWithThreeVersions();
    List<AliasMove> before = fx.registry.aliasHistory("churn", "staging");

    List<ModelVersion> renamed = fx.registry.rename("churn", "attrition", "ben");

    assertEquals(List.of(1, 2, 3), renamed.stream().map(ModelVersion::version).toList());
    assertTrue(renamed.stream().allMatch(v -> v.model().equals("attrition")));
    assertEquals(Map.of("staging", 3, "production", 2), fx.registry.aliases("attrition"));
    List<AliasMove> after = fx.registry.aliasHistory("attrition", "staging");
    assertEquals(before.stream().map(AliasMove::to).toList(), after.stream().map(AliasMove::to).toList());
    assertTrue(after.stream().allMatch(m -> m.model().equals("attrition")));
    assertEquals(2, fx.registry.resolve("attrition@production").version());
    assertEquals(List.of("attrition"), fx.registry.models());
  }

  @Test
  void theOldNameAnswersNotFoundAndIsNotReused() {
    churnWithThreeVersions();
    fx.registry.rename("churn", "attrition", "ben");

    NotFoundException gone = assertThrows(NotFoundException.class, () -> fx.registry.versions("churn"));
    assertTrue(gone.getMessage().contains("renamed to 'attrition'"), gone.getMessage());
    assertThrows(NotFoundException.class, () -> fx.registry.resolve("churn@production"));
    assertThrows(NotFoundException.class, () -> fx.registry.resolve("churn/1"));
    assertThrows(NotFoundException.class, () -> fx.moveAlias("churn", "staging", 1));
    ConflictException register = assertThrows(ConflictException.class, () -> fx.register("churn", 9));
    assertTrue(register.getMessage().contains("register the version under 'attrition'"), register.getMessage());
    assertEquals(3, fx.registry.versions("attrition").size(), "the refused registration did not arrive");
  }

  @Test
  void aNewVersionUnderTheNewNameFollowsTheMovedOnes() {
    churnWithThreeVersions();
    fx.registry.rename("churn", "attrition", "ben");
    assertEquals(4, fx.register("attrition", 7).version());
    fx.moveAlias("attrition", "staging", 4);
    assertEquals(4, fx.registry.resolve("attrition@staging").version());
  }

  @Test
  void protectionAndRequestsKeepWorkingUnderTheNewName() {
    churnWithThreeVersions();
    fx.registry.protect("churn", "production", new AliasPolicy(false, 1, java.time.Duration.ofDays(1)));
    PromotionRequest request = fx.registry.requestPromotion("churn", "production", 3, "ana", "better");

    fx.registry.rename("churn", "attrition", "ben");

    assertThrows(GateFailedException.class, () -> fx.moveAlias("attrition", "production", 1));
    PromotionRequest moved = fx.registry.promotions("attrition").get(0);
    assertEquals("attrition:" + request.id().split(":")[1], moved.id());
    PromotionRequest approved = fx.registry.approve(moved.id(), "carl");
    assertEquals(3, fx.registry.resolve("attrition@production").version(), approved.toString());
    assertEquals(OptionalInt.of(3), fx.registry.aliasHistory("attrition", "production").get(1).to());
  }

  @Test
  void aHandleOnTheNewNameServes() {
    churnWithThreeVersions();
    fx.registry.rename("churn", "attrition", "ben");
    try (ModelHandle handle = fx.registry.load("attrition@production")) {
      float[][] rows = handle.predict(Tensor.ofFloats(new float[][] {{0.3f, -1.2f, 2.5f}})).first().floatRows();
      assertEquals(2, rows[0].length);
      assertEquals(2, handle.version().version());
    }
  }

  @Test
  void anExistingTargetIsAConflictAndChangesNothing() {
    churnWithThreeVersions();
    fx.register("attrition", 5);
    ConflictException e = assertThrows(ConflictException.class, () -> fx.registry.rename("churn", "attrition", "ben"));
    assertTrue(e.getMessage().contains("'attrition' exists already"), e.getMessage());
    assertEquals(3, fx.registry.versions("churn").size());
    assertEquals(1, fx.registry.versions("attrition").size());
    fx.moveAlias("churn", "staging", 2); // the history was not closed
  }

  @Test
  void theOldNameOfARenamedModelCannotBeTakenByARename() {
    churnWithThreeVersions();
    fx.register("other", 5);
    fx.registry.rename("churn", "attrition", "ben");
    ConflictException e = assertThrows(ConflictException.class, () -> fx.registry.rename("other", "churn", "ben"));
    assertTrue(e.getMessage().contains("now called 'attrition'"), e.getMessage());
  }

  @Test
  void badArgumentsAreRefusedBeforeAnythingIsWritten() {
    churnWithThreeVersions();
    assertThrows(NotFoundException.class, () -> fx.registry.rename("nope", "x", "ben"));
    assertThrows(InvalidNameException.class, () -> fx.registry.rename("churn", "../x", "ben"));
    assertThrows(IllegalArgumentException.class, () -> fx.registry.rename("churn", "churn", "ben"));
    assertFalse(fx.registry.models().contains("x"));
    assertEquals(List.of("churn"), fx.registry.models());
  }

  @Test
  void aRenamedModelCanBeRenamedAgain() {
    churnWithThreeVersions();
    fx.registry.rename("churn", "attrition", "ben");
    fx.registry.rename("attrition", "leavers", "ben");
    assertEquals(List.of("leavers"), fx.registry.models());
    assertEquals(Map.of("staging", 3, "production", 2), fx.registry.aliases("leavers"));
    assertEquals(2, fx.registry.aliasHistory("leavers", "staging").size());
  }

  @Test
  void renamedToAndRenamedFromFollowTheChainAndAnotherWritersRename() {
    churnWithThreeVersions();
    assertEquals(Optional.empty(), fx.registry.renamedTo("churn"));
    assertEquals(Optional.empty(), fx.registry.renamedFrom("churn"));
    // renamed by another registry on the store (another process, e.g. mlops models rename); closing
    // a fixture closes the store, so it stays open until the fixture of the test closes
    RegistryFixture other = new RegistryFixture(fx.store, dir);
    other.registry.rename("churn", "attrition", "ben");
    other.registry.rename("attrition", "leavers", "ben");
    assertEquals(Optional.of("leavers"), fx.registry.renamedTo("churn"));
    assertEquals(Optional.of("leavers"), fx.registry.renamedTo("attrition"));
    assertEquals(Optional.empty(), fx.registry.renamedTo("leavers"));
    assertEquals(Optional.of("attrition"), fx.registry.renamedFrom("leavers"));
    assertEquals(Optional.of("churn"), fx.registry.renamedFrom("attrition"));
    assertEquals(Optional.empty(), fx.registry.renamedTo("nobody"));
    assertEquals(Optional.empty(), fx.registry.renamedFrom("nobody"));
  }

  /**
   * Regression: models() listed before completing renames, so a rename decided (its entry in the
   * history) but not copied when its writer died left models() empty: the old name hidden, the new
   * one not in the listing yet.
   */
  @Test
  void aRenameDecidedButNotCopiedIsCompletedByTheNextListing() {
    churnWithThreeVersions();
    Docs.LogEntry rename = new Docs.LogEntry();
    rename.kind = Docs.LogEntry.RENAME;
    rename.actor = "killed";
    rename.at = "2026-01-01T00:00:00Z";
    rename.renamedTo = "attrition";
    rename.seq = 4; // after the three moves of churnWithThreeVersions
    assertTrue(fx.store.putIfAbsent(RegistryKeys.logEntry("churn", rename.seq), Docs.encode(rename)));

    try (RegistryFixture reopened = new RegistryFixture(fx.store, dir)) {
      assertEquals(List.of("attrition"), reopened.registry.models());
      assertEquals(Map.of("staging", 3, "production", 2), reopened.registry.aliases("attrition"));
      assertThrows(NotFoundException.class, () -> reopened.registry.versions("churn"));
    }
  }
}
